# title: Glass bottle with cork and label
# shows: Lathes a bottle profile, gives it a coloured Principled glass material (Transmission Weight), adds a cylinder cork and a label band from an open cylinder, parented to the bottle.
# tags: asset, bottle, glass, transmission, lathe, label, cork
# blender: 4.2
# params: height=0.3, radius=0.04, neck_radius=0.013, glass_color=(0.1, 0.4, 0.15, 1.0), label_color=(0.9, 0.85, 0.7, 1.0), cork=True, location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness, transmission=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Transmission Weight"].default_value = transmission
    if transmission:
        bsdf.inputs["IOR"].default_value = 1.5
    mat.diffuse_color = color
    return mat


def _mesh_object(name, bm, mat, parent=None):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(height=0.3, radius=0.04, neck_radius=0.013, glass_color=(0.1, 0.4, 0.15, 1.0),
          label_color=(0.9, 0.85, 0.7, 1.0), cork=True, location=(0, 0, 0)):
    h, r, n = height, radius, neck_radius
    profile = [(0, 0), (r * 0.95, 0), (r, h * 0.03), (r, h * 0.6), (r * 0.8, h * 0.7),
               (n, h * 0.82), (n, h * 0.97), (n * 1.2, h * 0.98), (n * 1.2, h), (n * 0.8, h)]
    bm = bmesh.new()
    verts = [bm.verts.new((x, 0, z)) for x, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, cent=(0, 0, 0), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=40)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    bottle = _mesh_object("Bottle", bm, _material("BottleGlass", glass_color, 0.05, 1.0))
    bottle.location = location
    bottle.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.002

    # Label: open cylinder slightly larger than the body.
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=False, segments=40, radius1=r * 1.01, radius2=r * 1.01,
                          depth=h * 0.25, matrix=Matrix.Translation((0, 0, h * 0.35)))
    _mesh_object("Label", bm, _material("Label", label_color, 0.8), bottle)

    if cork:
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=n * 0.8, radius2=n * 0.9,
                              depth=h * 0.08, matrix=Matrix.Translation((0, 0, h * 0.99)))
        _mesh_object("Cork", bm, _material("Cork", (0.6, 0.45, 0.28, 1.0), 0.9), bottle)
    return bottle


if __name__ == "__main__":
    build()
