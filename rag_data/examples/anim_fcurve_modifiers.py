# title: Loop and jitter animation with F-Curve modifiers
# shows: Adds a CYCLES modifier to repeat a keyframed rotation and a NOISE modifier (strength, scale, phase) to shake location without more keyframes.
# tags: animation, fcurve, modifiers, cycles, noise, loop
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=6, radius=1.0, depth=0.2)
wheel = bpy.context.object

# One turn over 40 frames...
wheel.rotation_euler.z = 0.0
wheel.keyframe_insert("rotation_euler", index=2, frame=1)
wheel.rotation_euler.z = 2 * math.pi
wheel.keyframe_insert("rotation_euler", index=2, frame=41)

action = wheel.animation_data.action
spin = action.fcurves.find("rotation_euler", index=2)
for kp in spin.keyframe_points:
    kp.interpolation = 'LINEAR'
# ...repeated forever, each cycle continuing from the last value.
cycles = spin.modifiers.new(type='CYCLES')
cycles.mode_before = 'REPEAT_OFFSET'
cycles.mode_after = 'REPEAT_OFFSET'

# A noise-only channel: keyframe once, then let the modifier wobble it.
wheel.keyframe_insert("location", index=0, frame=1)
wobble = action.fcurves.find("location", index=0).modifiers.new(type='NOISE')
wobble.strength = 0.3
wobble.scale = 8.0
wobble.phase = 2.0

print("z rotation at frame 81:", round(action.fcurves.find("rotation_euler", index=2).evaluate(81), 3))
