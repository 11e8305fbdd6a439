# title: Wine glass from a single lathed profile
# shows: Revolves a closed cross-section (foot, stem, bowl with wall thickness) using bmesh.ops.spin, shades smooth and applies a clear Glass BSDF material.
# tags: asset, wine glass, glass, lathe, spin, glass bsdf, kitchen
# blender: 4.2
# params: height=0.2, bowl_radius=0.04, foot_radius=0.035, stem_radius=0.004, wall=0.0015, segments=48, location=(0, 0, 0)

import math
import bpy
import bmesh


def build(height=0.2, bowl_radius=0.04, foot_radius=0.035, stem_radius=0.004, wall=0.0015,
          segments=48, location=(0, 0, 0)):
    h, R = height, bowl_radius
    # Outer profile from the foot centre up to the rim...
    outer = [(0, 0), (foot_radius, 0), (foot_radius, wall * 2), (stem_radius * 2, h * 0.04),
             (stem_radius, h * 0.1), (stem_radius, h * 0.42), (R * 0.5, h * 0.5),
             (R * 0.95, h * 0.65), (R, h * 0.8), (R * 0.9, h)]
    # ...and back down the inside of the bowl.
    inner = [(R * 0.9 - wall, h), (R - wall, h * 0.8), (R * 0.95 - wall, h * 0.65),
             (R * 0.5 - wall, h * 0.51), (0, h * 0.48)]

    bm = bmesh.new()
    verts = [bm.verts.new((r, 0, z)) for r, z in outer + inner]
    edges = [bm.edges.new(pair) for pair in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, cent=(0, 0, 0), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=segments)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-7)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])

    mesh = bpy.data.meshes.new("WineGlass")
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()

    mat = bpy.data.materials.new("ClearGlass")
    mat.use_nodes = True
    tree = mat.node_tree
    tree.nodes.remove(tree.nodes["Principled BSDF"])
    glass = tree.nodes.new("ShaderNodeBsdfGlass")
    glass.inputs["Roughness"].default_value = 0.0
    glass.inputs["IOR"].default_value = 1.5
    tree.links.new(glass.outputs["BSDF"], tree.nodes["Material Output"].inputs["Surface"])
    mat.diffuse_color = (0.8, 0.9, 1.0, 0.3)
    mesh.materials.append(mat)

    obj = bpy.data.objects.new("WineGlass", mesh)
    obj.location = location
    bpy.context.collection.objects.link(obj)
    return obj


if __name__ == "__main__":
    build()
