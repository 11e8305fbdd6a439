# mistake: 'SMOOTH_BY_ANGLE' is not a modifier type; Smooth by Angle is a geometry-nodes asset (bpy.ops.object.shade_auto_smooth)
# blender-error: TypeError at line 10

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=48)
obj = bpy.context.active_object
bpy.ops.object.shade_smooth()

mod = obj.modifiers.new("Smooth", 'SMOOTH_BY_ANGLE')
