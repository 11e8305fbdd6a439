# mistake: the Subdivision Surface modifier type is 'SUBSURF', not 'SUBSURFACE'
# blender-error: TypeError at line 9

import bpy

bpy.ops.mesh.primitive_monkey_add()
monkey = bpy.context.active_object

bpy.ops.object.modifier_add(type='SUBSURFACE')
monkey.modifiers["Subdivision"].levels = 2
bpy.ops.object.shade_smooth()
