# mistake: bpy.ops.object.modifier_add takes only type, no name keyword
# blender-error: TypeError at line 9

import bpy

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.active_object

bpy.ops.object.modifier_add(type='BEVEL', name="EdgeBevel")
cube.modifiers[-1].width = 0.05
cube.modifiers[-1].segments = 3
