# mistake: light type is 'SPOT', not 'SPOTLIGHT'
# blender-error: TypeError at line 8

import math

import bpy

bpy.ops.object.light_add(type='SPOTLIGHT', location=(0, 0, 5))
spot = bpy.context.active_object
spot.data.spot_size = math.radians(40)
spot.data.energy = 800
