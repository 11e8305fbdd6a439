# mistake: SubsurfModifier.levels is an int; a float value raises TypeError
# blender-error: TypeError at line 10
# category: none

import bpy

bpy.ops.mesh.primitive_monkey_add()
head = bpy.context.active_object
sub = head.modifiers.new("Subdivision", 'SUBSURF')
sub.levels = 1.5
