# title: Round cartoon bird (sparrow-like) on a perch
# shows: Builds a plump body and head from spheres in one bmesh, a cone beak, wing and tail plates bent with vertex math, stick legs, and a perch branch; parts tagged with material_index.
# tags: asset, bird, creature, animal, spheres, material_index, cartoon
# blender: 4.2
# params: size=0.15, body_color=(0.45, 0.3, 0.18, 1.0), belly_color=(0.85, 0.75, 0.6, 1.0), beak_color=(0.95, 0.6, 0.1, 1.0), perch=True, location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness=0.6):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def build(size=0.15, body_color=(0.45, 0.3, 0.18, 1.0), belly_color=(0.85, 0.75, 0.6, 1.0),
          beak_color=(0.95, 0.6, 0.1, 1.0), perch=True, location=(0, 0, 0)):
    s = size
    bm = bmesh.new()
    parts = {}   # material slot -> list of vertex lists

    def add(slot, ret):
        parts.setdefault(slot, []).extend(ret["verts"])

    leg_h = s * 0.35
    body_c = Vector((0, 0, leg_h + s * 0.45))
    add(0, bmesh.ops.create_uvsphere(bm, u_segments=24, v_segments=12, radius=s * 0.5,
                                     matrix=Matrix.LocRotScale(body_c, None, (1.2, 0.9, 0.95))))
    add(1, bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=8, radius=s * 0.36,
                                     matrix=Matrix.LocRotScale(body_c + Vector((s * 0.22, 0, -s * 0.08)),
                                                               None, (1.0, 0.85, 0.9))))
    head_c = body_c + Vector((s * 0.45, 0, s * 0.4))
    add(0, bmesh.ops.create_uvsphere(bm, u_segments=20, v_segments=10, radius=s * 0.3,
                                     matrix=Matrix.Translation(head_c)))
    add(2, bmesh.ops.create_cone(bm, cap_ends=True, segments=10, radius1=s * 0.08, radius2=0.0,
                                 depth=s * 0.2, matrix=Matrix.Translation(head_c + Vector((s * 0.33, 0, -s * 0.03)))
                                 @ Matrix.Rotation(math.pi / 2, 4, 'Y')))
    for side in (-1, 1):
        add(3, bmesh.ops.create_uvsphere(bm, u_segments=8, v_segments=4, radius=s * 0.045,
                                         matrix=Matrix.Translation(head_c + Vector((s * 0.2, side * s * 0.2, s * 0.07)))))
        # Wing: a flattened, slightly drooping ellipsoid against the body side.
        add(0, bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=6, radius=s * 0.35,
                                         matrix=Matrix.Translation(body_c + Vector((-s * 0.12, side * s * 0.42, s * 0.05)))
                                         @ Matrix.Rotation(side * 0.25, 4, 'X') @ Matrix.Rotation(-0.3, 4, 'Y')
                                         @ Matrix.Diagonal((1.3, 0.25, 0.6, 1.0))))
        # Legs: thin cylinders down to the perch.
        add(2, bmesh.ops.create_cone(bm, cap_ends=True, segments=6, radius1=s * 0.02, radius2=s * 0.02,
                                     depth=leg_h, matrix=Matrix.Translation((0, side * s * 0.12, leg_h / 2 + s * 0.02))))
    # Tail: a flat wedge sticking out back and up.
    add(0, bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.Translation(body_c + Vector((-s * 0.7, 0, s * 0.12)))
                                 @ Matrix.Rotation(-0.5, 4, 'Y') @ Matrix.Diagonal((s * 0.5, s * 0.25, s * 0.04, 1.0))))

    for slot, verts in parts.items():
        for f in {f for v in verts for f in v.link_faces}:
            f.material_index = slot
            f.smooth = slot != 2

    mesh = bpy.data.meshes.new("Bird")
    bm.to_mesh(mesh)
    bm.free()
    for name, color in (("Feathers", body_color), ("Belly", belly_color),
                        ("Beak", beak_color), ("Eye", (0.01, 0.01, 0.01, 1.0))):
        mesh.materials.append(_material("Bird" + name, color, 0.1 if name == "Eye" else 0.7))
    bird = bpy.data.objects.new("Bird", mesh)
    bird.location = location
    bpy.context.collection.objects.link(bird)

    if perch:
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=True, segments=10, radius1=s * 0.06, radius2=s * 0.05,
                              depth=s * 3, matrix=Matrix.Translation((0, 0, -s * 0.03))
                              @ Matrix.Rotation(math.pi / 2, 4, 'X'))
        branch_mesh = bpy.data.meshes.new("Perch")
        bm.to_mesh(branch_mesh)
        bm.free()
        branch_mesh.materials.append(_material("Bark", (0.25, 0.15, 0.08, 1.0), 0.9))
        branch = bpy.data.objects.new("Perch", branch_mesh)
        branch.parent = bird
        bpy.context.collection.objects.link(branch)
    return bird


if __name__ == "__main__":
    build()
