# title: Give faces different materials with material_index
# shows: Appends several materials to one mesh and assigns each polygon a slot through polygon.material_index, colouring a cube's faces differently.
# tags: material, material_index, material slots, faces, multi-material
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.object
mesh = cube.data

colors = {
    "Red": (0.8, 0.1, 0.1, 1.0),
    "Green": (0.1, 0.7, 0.2, 1.0),
    "Blue": (0.1, 0.2, 0.8, 1.0),
}
for name, rgba in colors.items():
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = rgba
    mat.diffuse_color = rgba
    mesh.materials.append(mat)   # slot 0, 1, 2

# Pick the slot from the dominant axis of each face normal.
for poly in mesh.polygons:
    n = poly.normal
    axis = max(range(3), key=lambda i: abs(n[i]))
    poly.material_index = axis

print([p.material_index for p in mesh.polygons])
