# title: Cartoon rocket with fins and porthole
# shows: Lathes a rocket fuselage with a pointed nose, adds fins as extruded triangles repeated by rotation, a porthole torus and an emissive exhaust cone; materials with coat and emission.
# tags: asset, rocket, spaceship, lathe, fins, emission, toy
# blender: 4.2
# params: height=2.0, radius=0.3, fins=3, body_color=(0.9, 0.9, 0.92, 1.0), accent_color=(0.85, 0.1, 0.1, 1.0), flame=True, location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness=0.35, metallic=0.0, emission=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Coat Weight"].default_value = 0.5
    if emission:
        bsdf.inputs["Emission Color"].default_value = color
        bsdf.inputs["Emission Strength"].default_value = emission
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent=None, smooth=True):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    if smooth:
        mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(height=2.0, radius=0.3, fins=3, body_color=(0.9, 0.9, 0.92, 1.0),
          accent_color=(0.85, 0.1, 0.1, 1.0), flame=True, location=(0, 0, 0)):
    h, r = height, radius
    base_z = h * 0.12
    # Fuselage profile: nozzle skirt, body, ogive nose.
    profile = [(0, base_z), (r * 0.7, base_z), (r, base_z + h * 0.1), (r * 1.05, base_z + h * 0.4)]
    for i in range(1, 9):
        t = i / 8
        profile.append((r * 1.05 * math.cos(t * math.pi / 2) ** 0.8, base_z + h * 0.4 + t * h * 0.45))
    profile[-1] = (0, base_z + h * 0.85)
    bm = bmesh.new()
    verts = [bm.verts.new((x, 0, z)) for x, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=32)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    rocket = _obj("Rocket", bm, _material("RocketBody", body_color, metallic=0.3))
    rocket.location = location

    # Fins: one triangular plate extruded for thickness, copied around Z.
    accent = _material("RocketAccent", accent_color)
    bm = bmesh.new()
    for i in range(fins):
        rot = Matrix.Rotation(2 * math.pi * i / fins, 4, 'Z')
        pts = [(r * 0.9, 0, base_z + h * 0.25), (r * 1.8, 0, 0.0), (r * 1.6, 0, 0.0), (r * 0.8, 0, base_z)]
        face = bm.faces.new([bm.verts.new(rot @ Matrix.Translation((0, -0.02, 0)) @ Vector(p)) for p in pts])
        ret = bmesh.ops.extrude_face_region(bm, geom=[face])
        moved = [v for v in ret["geom"] if isinstance(v, bmesh.types.BMVert)]
        bmesh.ops.translate(bm, verts=moved, vec=rot.to_3x3() @ Vector((0, 0.04, 0)))
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    _obj("Fins", bm, accent, rocket, smooth=False)

    # Porthole: a ring (torus) on the +Y side and a glass disc.
    port_z = base_z + h * 0.5
    bm = bmesh.new()
    ring = bmesh.ops.create_circle(bm, segments=8, radius=r * 0.04,
                                   matrix=Matrix.Translation((r * 0.22, 0, 0)) @ Matrix.Rotation(math.pi / 2, 4, 'X'))
    edges = list({e for v in ring["verts"] for e in v.link_edges})
    bmesh.ops.spin(bm, geom=ring["verts"] + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=24)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.create_circle(bm, cap_ends=True, segments=24, radius=r * 0.22)
    bmesh.ops.transform(bm, verts=bm.verts[:], matrix=Matrix.Translation((0, -r * 1.03, port_z))
                        @ Matrix.Rotation(math.pi / 2, 4, 'X'))
    _obj("Porthole", bm, accent, rocket)

    if flame:
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=0.0, radius2=r * 0.6,
                              depth=base_z * 1.5, matrix=Matrix.Translation((0, 0, base_z * 0.25)))
        _obj("Exhaust", bm, _material("Exhaust", (1.0, 0.5, 0.1, 1.0), emission=10.0), rocket)
    return rocket


if __name__ == "__main__":
    build()
