# mistake: Object.scale needs a 3-sequence; a single float raises (use (s, s, s) or obj.scale *= s)
# blender-error: ValueError at line 9
# category: none

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2)
pebble = bpy.context.active_object
pebble.scale = 0.25
pebble.location.z = 0.25
