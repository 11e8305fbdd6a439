# mistake: transform_apply's keywords are location/rotation/scale, not loc/rot
# blender-error: TypeError at line 9

import bpy

bpy.ops.mesh.primitive_cone_add(radius1=1, depth=2, location=(0, 0, 1))
cone = bpy.context.active_object
cone.rotation_euler = (0.3, 0, 0)
bpy.ops.object.transform_apply(loc=False, rot=True, scale=True)
