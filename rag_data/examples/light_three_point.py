# title: Three-point lighting aimed at a subject with Track To
# shows: Adds key, fill and rim area lights around a subject and points each at it with a TRACK_TO constraint (track_axis TRACK_NEGATIVE_Z, up_axis UP_Y).
# tags: light, three point, area light, track to, constraint
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_monkey_add(location=(0, 0, 1))
subject = bpy.context.object

setups = {
    # name: (azimuth degrees, height, distance, energy, size)
    "Key": (-45, 3.0, 4.0, 400.0, 1.5),
    "Fill": (45, 1.5, 5.0, 120.0, 3.0),
    "Rim": (160, 3.5, 4.0, 300.0, 1.0),
}
for name, (az, height, dist, energy, size) in setups.items():
    light = bpy.data.lights.new(name, 'AREA')
    light.energy = energy
    light.size = size
    obj = bpy.data.objects.new(name, light)
    a = math.radians(az)
    obj.location = (dist * math.sin(a), -dist * math.cos(a), height)
    bpy.context.collection.objects.link(obj)

    # Lights shine down their local -Z axis.
    track = obj.constraints.new(type='TRACK_TO')
    track.target = subject
    track.track_axis = 'TRACK_NEGATIVE_Z'
    track.up_axis = 'UP_Y'
