# mistake: light data type is 'POINT', not 'POINT_LIGHT'
# blender-error: TypeError at line 6

import bpy

light_data = bpy.data.lights.new(name="Bulb", type='POINT_LIGHT')
light_data.energy = 250
light_obj = bpy.data.objects.new("Bulb", light_data)
light_obj.location = (0, 0, 3)
bpy.context.collection.objects.link(light_obj)
