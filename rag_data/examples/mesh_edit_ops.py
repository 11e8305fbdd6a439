# title: Edit-mode mesh operators: subdivide, extrude and inset by selection
# shows: Selects faces through the mesh data (poly.select) then runs edit-mode operators bpy.ops.mesh.subdivide, inset and extrude_region_move headlessly.
# tags: edit mode, operators, extrude, inset, subdivide, selection
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.object

# Selection flags are edited in Object Mode and picked up by Edit Mode.
for poly in obj.data.polygons:
    poly.select = poly.normal.z > 0.9
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_mode(type='FACE')

bpy.ops.mesh.subdivide(number_cuts=1)
bpy.ops.mesh.inset(thickness=0.1, depth=0.0)
bpy.ops.mesh.extrude_region_move(TRANSFORM_OT_translate={"value": (0, 0, 0.5)})
bpy.ops.object.mode_set(mode='OBJECT')
print("faces:", len(obj.data.polygons), "height:", round(obj.dimensions.z, 2))
