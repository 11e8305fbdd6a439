# title: Bookshelf filled with random books
# shows: Builds a shelf carcass from boxes and fills each shelf with randomly sized, coloured and slightly tilted books (seeded random), each book a child object with its own material.
# tags: asset, furniture, bookshelf, books, random, parenting, materials
# blender: 4.2
# params: width=1.0, height=1.8, depth=0.3, shelves=5, board=0.025, fill=0.8, seed=1, wood_color=(0.55, 0.4, 0.25, 1.0), location=(0, 0, 0)

import random
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.6):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _box(name, size, matrix, material, parent):
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=matrix @ Matrix.Diagonal((*size, 1.0)))
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(material)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(width=1.0, height=1.8, depth=0.3, shelves=5, board=0.025, fill=0.8, seed=1,
          wood_color=(0.55, 0.4, 0.25, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    root = bpy.data.objects.new("Bookshelf", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    wood = _material("ShelfWood", wood_color)
    T = Matrix.Translation

    # Carcass: two sides, back, and shelf boards.
    for sx in (-1, 1):
        _box("Side", (board, depth, height), T((sx * (width - board) / 2, 0, height / 2)), wood, root)
    _box("Back", (width, board / 2, height), T((0, depth / 2 - board / 4, height / 2)), wood, root)
    inner_w = width - 2 * board
    gap = (height - board) / shelves
    for i in range(shelves + 1):
        _box(f"Board{i}", (inner_w, depth, board), T((0, 0, board / 2 + i * gap)), wood, root)

    # Books: a small palette of covers shared between books.
    palette = [_material(f"Cover{i}", (rng.random() * 0.7, rng.random() * 0.5, rng.random() * 0.6, 1.0))
               for i in range(6)]
    for shelf in range(shelves):
        x = -inner_w / 2
        floor = board + shelf * gap
        while True:
            thick = rng.uniform(0.02, 0.05)
            if x + thick > -inner_w / 2 + inner_w * fill:
                break
            h = rng.uniform(0.6, 0.9) * (gap - board)
            d = rng.uniform(0.6, 0.9) * depth
            tilt = Matrix.Rotation(rng.choice((0, 0, 0, -0.12)), 4, 'Y')
            _box("Book", (thick, d, h), T((x + thick / 2, -depth / 2 + d / 2, floor + h / 2)) @ tilt,
                 rng.choice(palette), root)
            x += thick + 0.002
    return root


if __name__ == "__main__":
    build()
