# title: Repeat a mesh in a row and a grid with Array modifiers
# shows: Stacks two Array modifiers, one with relative offset along X and one with constant offset along Y, merging touching vertices.
# tags: modifier, array, repeat, offset, grid
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=0.5)
obj = bpy.context.object
obj.name = "Bricks"

row = obj.modifiers.new(name="Row", type='ARRAY')
row.count = 6
row.use_relative_offset = True
row.relative_offset_displace = (1.2, 0.0, 0.0)  # multiples of the object size

cols = obj.modifiers.new(name="Columns", type='ARRAY')
cols.count = 4
cols.use_relative_offset = False
cols.use_constant_offset = True
cols.constant_offset_displace = (0.0, 0.8, 0.0)  # absolute distance
cols.use_merge_vertices = True

print([m.name for m in obj.modifiers])
