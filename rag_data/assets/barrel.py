# title: Wooden barrel with staves and metal hoops
# shows: Lathes a bulging barrel body, carves stave grooves by insetting every side face (bmesh.ops.inset_individual with depth), and adds torus-like hoop bands from scaled open cylinders.
# tags: asset, barrel, staves, inset, hoops, wood, metal
# blender: 4.2
# params: height=0.9, radius=0.3, bulge=0.12, staves=20, hoops=4, wood_color=(0.45, 0.27, 0.12, 1.0), metal_color=(0.2, 0.2, 0.2, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def _radius_at(z, height, radius, bulge):
    t = z / height - 0.5                     # -0.5..0.5
    return radius * (1.0 + bulge * (1.0 - 4.0 * t * t))


def build(height=0.9, radius=0.3, bulge=0.12, staves=20, hoops=4,
          wood_color=(0.45, 0.27, 0.12, 1.0), metal_color=(0.2, 0.2, 0.2, 1.0), location=(0, 0, 0)):
    rings = 8
    bm = bmesh.new()
    profile = [(0.0, 0.0)] + [(_radius_at(height * i / rings, height, radius, bulge), height * i / rings)
                              for i in range(rings + 1)] + [(0.0, height)]
    verts = [bm.verts.new((r, 0, z)) for r, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=staves)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])

    # Side faces only (caps are triangle fans at the poles).
    sides = [f for f in bm.faces if abs(f.normal.z) < 0.7]
    bmesh.ops.inset_individual(bm, faces=sides, thickness=0.004, depth=0.004)

    mesh = bpy.data.meshes.new("Barrel")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("BarrelWood", wood_color, 0.7))
    barrel = bpy.data.objects.new("Barrel", mesh)
    barrel.location = location
    bpy.context.collection.objects.link(barrel)

    metal = _material("Hoop", metal_color, 0.45, 1.0)
    bm = bmesh.new()
    for i in range(hoops):
        z = height * (0.08 + 0.84 * i / max(hoops - 1, 1))
        r = _radius_at(z, height, radius, bulge) + 0.006
        bmesh.ops.create_cone(bm, cap_ends=False, segments=48, radius1=r, radius2=r, depth=0.04,
                              matrix=Matrix.Translation((0, 0, z)))
    hoop_mesh = bpy.data.meshes.new("Hoops")
    bm.to_mesh(hoop_mesh)
    bm.free()
    hoop_mesh.shade_smooth()
    hoop_mesh.materials.append(metal)
    hoop_obj = bpy.data.objects.new("Hoops", hoop_mesh)
    hoop_obj.parent = barrel
    bpy.context.collection.objects.link(hoop_obj)
    hoop_obj.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.005
    return barrel


if __name__ == "__main__":
    build()
