# mistake: light_add has no energy keyword; energy is set on the light data afterwards
# blender-error: TypeError at line 10

import bpy

bpy.ops.object.light_add(type='AREA', location=(4, -4, 6))
key = bpy.context.active_object
key.data.size = 3.0

bpy.ops.object.light_add(type='POINT', energy=500, location=(-4, -2, 3))
fill = bpy.context.active_object
fill.name = "Fill"
