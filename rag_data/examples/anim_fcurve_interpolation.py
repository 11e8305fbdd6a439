# title: Change keyframe interpolation and easing through F-Curves
# shows: Finds F-Curves on obj.animation_data.action, sets keyframe interpolation (LINEAR, CONSTANT, BOUNCE with easing) and extrapolation, and edits handle types.
# tags: animation, fcurve, interpolation, easing, extrapolation, keyframe_points
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5)
ball = bpy.context.object

for frame, z in ((1, 3.0), (24, 0.5), (48, 3.0)):
    ball.location.z = z
    ball.keyframe_insert("location", index=2, frame=frame)

action = ball.animation_data.action
# action.fcurves works in 4.2-4.4 (in 4.4 it reads the action's first slot).
fcurve = action.fcurves.find("location", index=2)

first, middle, last = fcurve.keyframe_points
first.interpolation = 'BOUNCE'     # easing-based interpolation
first.easing = 'EASE_OUT'
middle.interpolation = 'LINEAR'
last.interpolation = 'CONSTANT'

# Keep the motion going past the last key with a straight line.
fcurve.extrapolation = 'LINEAR'
for kp in fcurve.keyframe_points:
    kp.handle_left_type = kp.handle_right_type = 'AUTO_CLAMPED'
fcurve.update()

print("z at frame 12:", round(fcurve.evaluate(12), 3))
