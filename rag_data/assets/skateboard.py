# title: Skateboard with kicked deck, trucks and wheels
# shows: Shapes a deck from a subdivided grid (rounded outline, upturned nose and tail, Solidify for thickness), adds trucks and four wheels, and a grip-tape/graphic material pair.
# tags: asset, skateboard, deck, solidify, grid, wheels, sports
# blender: 4.2
# params: length=0.8, width=0.21, kick=0.05, wheel_radius=0.027, deck_color=(0.8, 0.3, 0.1, 1.0), wheel_color=(0.95, 0.9, 0.6, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.5, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(length=0.8, width=0.21, kick=0.05, wheel_radius=0.027,
          deck_color=(0.8, 0.3, 0.1, 1.0), wheel_color=(0.95, 0.9, 0.6, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("Skateboard", None)
    root.location = location
    bpy.context.collection.objects.link(root)

    deck_z = wheel_radius * 2 + 0.03
    bm = bmesh.new()
    bmesh.ops.create_grid(bm, x_segments=24, y_segments=6, size=0.5)
    half = length / 2
    for v in bm.verts:
        u, w = v.co.x * 2, v.co.y * 2              # both -1..1
        # Round the ends: narrow the deck within the last 12% of its length.
        end = max(0.0, (abs(u) - 0.88) / 0.12)
        v.co.x = u * half
        v.co.y = w * width / 2 * math.sqrt(max(1.0 - end ** 2, 0.05))
        v.co.z = deck_z + kick * max(0.0, (abs(u) - 0.75) / 0.25) ** 2   # nose/tail kick
        v.co.z -= 0.004 * w * w                     # slight concave
    # Slot 0 = grip tape (top surface), slot 1 = painted underside.
    deck = _obj("Deck", bm, _material("GripTape", (0.03, 0.03, 0.03, 1.0), 1.0), root)
    deck.data.materials.append(_material("Deck", deck_color, 0.6))
    solid = deck.modifiers.new("Thickness", 'SOLIDIFY')
    solid.thickness = 0.012
    solid.offset = 1.0            # grow upward along the (+Z) normals
    solid.material_offset = 1     # the back shell (opposite the normals) uses slot 0 + 1
    solid.material_offset_rim = 1 # edges painted like the underside
    deck.data.shade_smooth()

    metal = _material("Truck", (0.7, 0.7, 0.72, 1.0), 0.3, 1.0)
    urethane = _material("Wheel", wheel_color, 0.4)
    for sx in (-1, 1):
        x = sx * half * 0.62
        bm = bmesh.new()
        bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
            (x, 0, wheel_radius + 0.012), None, (0.04, width * 0.8, 0.02)))
        bmesh.ops.create_cone(bm, cap_ends=True, segments=8, radius1=0.015, radius2=0.02,
                              depth=deck_z - wheel_radius, matrix=Matrix.Translation(
                                  (x, 0, wheel_radius + (deck_z - wheel_radius) / 2)))
        _obj("Truck", bm, metal, root)
        for sy in (-1, 1):
            bm = bmesh.new()
            bmesh.ops.create_cone(bm, cap_ends=True, segments=20, radius1=wheel_radius,
                                  radius2=wheel_radius, depth=0.03,
                                  matrix=Matrix.Translation((x, sy * width * 0.42, wheel_radius))
                                  @ Matrix.Rotation(math.pi / 2, 4, 'X'))
            wheel = _obj("Wheel", bm, urethane, root)
            wheel.modifiers.new("Round", 'BEVEL').width = 0.005
            wheel.data.shade_smooth()
    return root


if __name__ == "__main__":
    build()
