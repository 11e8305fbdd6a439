# title: Lathed ceramic vase with glaze
# shows: Revolves a wall profile (outer and inner surface) with bmesh.ops.spin, welds the seam, adds a Subdivision Surface modifier and a glossy coated ceramic material.
# tags: asset, vase, lathe, spin, ceramic, subdivision, coat
# blender: 4.2
# params: height=0.4, belly_radius=0.14, neck_radius=0.05, lip_radius=0.07, wall=0.008, segments=48, glaze_color=(0.1, 0.3, 0.5, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh


def _lathe(name, profile, segments):
    """Spin a list of (radius, z) points around Z into a closed surface."""
    bm = bmesh.new()
    verts = [bm.verts.new((r, 0.0, z)) for r, z in profile]
    edges = [bm.edges.new(pair) for pair in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, cent=(0, 0, 0), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=segments)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    return mesh


def build(height=0.4, belly_radius=0.14, neck_radius=0.05, lip_radius=0.07, wall=0.008,
          segments=48, glaze_color=(0.1, 0.3, 0.5, 1.0), location=(0, 0, 0)):
    h = height
    outer = [(0.0, 0.0), (belly_radius * 0.6, 0.0), (belly_radius, h * 0.35),
             (belly_radius * 0.8, h * 0.6), (neck_radius, h * 0.85), (lip_radius, h)]
    # Inner wall runs back down, offset inward by the wall thickness.
    inner = [(max(r - wall, 0.0), max(z, wall)) for r, z in reversed(outer[1:])]
    inner[0] = (lip_radius - wall, h - wall * 0.5)
    profile = outer + inner + [(0.0, wall)]

    mesh = _lathe("Vase", profile, segments)
    mat = bpy.data.materials.new("Glaze")
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = glaze_color
    bsdf.inputs["Roughness"].default_value = 0.3
    bsdf.inputs["Coat Weight"].default_value = 1.0
    bsdf.inputs["Coat Roughness"].default_value = 0.05
    mat.diffuse_color = glaze_color
    mesh.materials.append(mat)

    vase = bpy.data.objects.new("Vase", mesh)
    vase.location = location
    bpy.context.collection.objects.link(vase)
    sub = vase.modifiers.new("Subdivision", 'SUBSURF')
    sub.levels = sub.render_levels = 1
    return vase


if __name__ == "__main__":
    build()
