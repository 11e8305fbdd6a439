# title: Add point, sun, spot and area lights with the data API
# shows: Creates lights with bpy.data.lights.new for each type and sets energy, color, shadow_soft_size, sun angle, spot_size/spot_blend and area shape/size.
# tags: light, lamp, point, sun, spot, area, energy
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_plane_add(size=10)   # something to light


def add_light(name, kind, location, **props):
    data = bpy.data.lights.new(name=name, type=kind)
    for key, value in props.items():
        setattr(data, key, value)
    obj = bpy.data.objects.new(name, data)
    obj.location = location
    bpy.context.collection.objects.link(obj)
    return obj


add_light("Point", 'POINT', (2, -2, 3), energy=500.0,        # watts
          color=(1.0, 0.9, 0.8), shadow_soft_size=0.25)
sun = add_light("Sun", 'SUN', (0, 0, 10), energy=3.0,          # W/m^2 (irradiance)
                angle=math.radians(1.0))
sun.rotation_euler = (math.radians(45), 0, math.radians(30))
spot = add_light("Spot", 'SPOT', (-3, -3, 4), energy=1000.0,
                 spot_size=math.radians(40), spot_blend=0.3)
spot.rotation_euler = (math.radians(40), 0, math.radians(-45))
add_light("Area", 'AREA', (0, 3, 3), energy=300.0, shape='RECTANGLE',
          size=2.0, size_y=0.5, color=(0.7, 0.8, 1.0))
