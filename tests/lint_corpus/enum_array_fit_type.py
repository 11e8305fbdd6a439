# mistake: ArrayModifier.fit_type is 'FIXED_COUNT', not 'COUNT'
# blender-error: TypeError at line 10

import bpy

bpy.ops.mesh.primitive_cube_add(size=0.5)
step = bpy.context.active_object

arr = step.modifiers.new(name="Stairs", type='ARRAY')
arr.fit_type = 'COUNT'
arr.count = 12
arr.relative_offset_displace = (1.0, 0.0, 0.5)
