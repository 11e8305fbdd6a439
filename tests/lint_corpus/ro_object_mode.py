# mistake: Object.mode is read-only; the mode is changed with bpy.ops.object.mode_set
# blender-error: AttributeError at line 8

import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
obj.mode = 'EDIT'
bpy.ops.mesh.subdivide(number_cuts=2)
