# title: Traffic cone with reflective stripes
# shows: Builds a square rubber base and a lathed cone in one mesh, then assigns an orange or white material per face by height bands (material_index) for the reflective stripes.
# tags: asset, traffic cone, street, material_index, bands, lathe
# blender: 4.2
# params: height=0.7, base_size=0.4, stripes=2, orange=(1.0, 0.3, 0.02, 1.0), white=(0.95, 0.95, 0.95, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def build(height=0.7, base_size=0.4, stripes=2, orange=(1.0, 0.3, 0.02, 1.0),
          white=(0.95, 0.95, 0.95, 1.0), location=(0, 0, 0)):
    bm = bmesh.new()
    base_h = height * 0.04
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, 0, base_h / 2), None, (base_size, base_size, base_h)))
    bmesh.ops.bevel(bm, geom=[e for e in bm.edges if abs(e.verts[0].co.z - e.verts[1].co.z) > 1e-5],
                    offset=base_size * 0.08, segments=3, affect='EDGES')

    # Cone body: many height rings so stripes can follow ring boundaries.
    rings = 4 * (2 * stripes + 1)
    r0, r1 = base_size * 0.35, base_size * 0.06
    profile = [(r0 + (r1 - r0) * i / rings, base_h + (height - base_h) * i / rings) for i in range(rings + 1)]
    profile.append((0.0, height))
    verts = [bm.verts.new((r, 0, z)) for r, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=32)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)

    # White bands in the upper half of the cone.
    band_h = (height - base_h) / (2 * stripes + 1) * 0.6
    for f in bm.faces:
        z = f.calc_center_median().z
        in_band = any(abs(z - (base_h + (height - base_h) * (0.35 + 0.25 * k))) < band_h / 2
                      for k in range(stripes))
        f.material_index = 1 if in_band else 0
        f.smooth = z > base_h * 1.5

    mesh = bpy.data.meshes.new("TrafficCone")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("ConeOrange", orange, 0.5))
    mesh.materials.append(_material("ConeReflective", white, 0.15))
    cone = bpy.data.objects.new("TrafficCone", mesh)
    cone.location = location
    bpy.context.collection.objects.link(cone)
    return cone


if __name__ == "__main__":
    build()
