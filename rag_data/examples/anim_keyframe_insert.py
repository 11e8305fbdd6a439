# title: Animate location, rotation and scale with keyframe_insert
# shows: Sets object transforms at several frames and records them with obj.keyframe_insert(data_path=..., frame=...), including a single channel via index.
# tags: animation, keyframe, keyframe_insert, location, rotation, frame
# blender: 4.2

import math
import bpy

scene = bpy.context.scene
scene.frame_start, scene.frame_end = 1, 60

bpy.ops.mesh.primitive_cube_add(size=1.0)
cube = bpy.context.object

# Frame 1: start position.
cube.location = (0, 0, 0)
cube.keyframe_insert(data_path="location", frame=1)
cube.keyframe_insert(data_path="scale", frame=1)

# Frame 30: moved and squashed.
cube.location = (3, 0, 1)
cube.scale = (1.5, 1.5, 0.5)
cube.keyframe_insert(data_path="location", frame=30)
cube.keyframe_insert(data_path="scale", frame=30)

# Keyframe only the Z rotation channel (index 2).
cube.rotation_euler.z = 0.0
cube.keyframe_insert(data_path="rotation_euler", index=2, frame=1)
cube.rotation_euler.z = math.radians(180)
cube.keyframe_insert(data_path="rotation_euler", index=2, frame=60)

scene.frame_set(15)  # evaluate the animation at frame 15
print("x at frame 15:", round(cube.location.x, 3))
