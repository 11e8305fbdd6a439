# mistake: a light's strength is Light.energy; there is no power attribute
# blender-error: AttributeError at line 7

import bpy

sun_data = bpy.data.lights.new("Sun", type='SUN')
sun_data.power = 3.0
sun = bpy.data.objects.new("Sun", sun_data)
bpy.context.collection.objects.link(sun)
