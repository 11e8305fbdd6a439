# title: Move an object along a curve with the Follow Path constraint
# shows: Adds a FOLLOW_PATH constraint with use_curve_follow, animates the curve's eval_time via path_duration and keyframes, and evaluates the object's world position.
# tags: animation, follow path, constraint, curve, path, eval_time
# blender: 4.2

import bpy

bpy.ops.curve.primitive_bezier_circle_add(radius=3.0)
track = bpy.context.object
track.data.path_duration = 100          # frames for one lap
track.data.use_path = True

bpy.ops.mesh.primitive_cone_add(radius1=0.3, depth=0.8, rotation=(0, 1.5708, 0))
car = bpy.context.object

follow = car.constraints.new('FOLLOW_PATH')
follow.target = track
follow.use_curve_follow = True          # rotate along the path tangent
follow.forward_axis = 'FORWARD_X'

# Drive the progress by keyframing eval_time on the curve data.
track.data.eval_time = 0
track.data.keyframe_insert("eval_time", frame=1)
track.data.eval_time = 100
track.data.keyframe_insert("eval_time", frame=100)

bpy.context.scene.frame_set(26)
print("car at frame 26:", [round(c, 2) for c in car.matrix_world.translation])
