# mistake: Object.location needs 3 values; a 2-tuple raises a sequence size error
# blender-error: ValueError at line 10
# category: none

import bpy

for i in range(3):
    bpy.ops.mesh.primitive_cube_add(size=0.8)
    crate = bpy.context.active_object
    crate.location = (i * 1.2, 0)
