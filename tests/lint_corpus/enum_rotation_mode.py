# mistake: rotation_mode values are 'XYZ', 'QUATERNION', ...; 'XYZ_EULER' does not exist
# blender-error: TypeError at line 8

import bpy

bpy.ops.object.empty_add(type='ARROWS')
pivot = bpy.context.active_object
pivot.rotation_mode = 'XYZ_EULER'
pivot.rotation_euler = (0, 0, 1.57)
