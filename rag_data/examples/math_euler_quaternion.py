# title: Rotate objects with Euler angles and quaternions
# shows: Uses rotation_mode, rotation_euler with Euler orders, rotation_quaternion, Quaternion(axis, angle) composition, slerp interpolation and conversions between them.
# tags: mathutils, euler, quaternion, rotation, slerp, rotation_mode
# blender: 4.2

import math
import bpy
from mathutils import Euler, Quaternion

# Euler rotation (default mode 'XYZ').
bpy.ops.mesh.primitive_cone_add(location=(-2, 0, 0))
a = bpy.context.object
a.rotation_euler = Euler((math.radians(90), 0, math.radians(30)), 'XYZ')

# Quaternion rotation requires switching rotation_mode.
bpy.ops.mesh.primitive_cone_add(location=(0, 0, 0))
b = bpy.context.object
b.rotation_mode = 'QUATERNION'
tilt = Quaternion((1, 0, 0), math.radians(90))   # axis, angle
turn = Quaternion((0, 0, 1), math.radians(30))
b.rotation_quaternion = turn @ tilt              # apply tilt first, then turn

# Halfway between no rotation and b's rotation.
bpy.ops.mesh.primitive_cone_add(location=(2, 0, 0))
c = bpy.context.object
c.rotation_mode = 'QUATERNION'
c.rotation_quaternion = Quaternion().slerp(b.rotation_quaternion, 0.5)

# Conversions.
print("a as quaternion:", a.rotation_euler.to_quaternion())
print("b as euler (deg):", [round(math.degrees(v), 1) for v in b.rotation_quaternion.to_euler('XYZ')])
print("angle between a and b:", round(math.degrees(
    a.rotation_euler.to_quaternion().rotation_difference(b.rotation_quaternion).angle), 3))
