# title: Add shape keys (blend shapes) and animate their value
# shows: Creates a Basis with shape_key_add(from_mix=False), adds a key whose data points are moved, sets value/slider range, and keyframes the key value.
# tags: shape keys, blend shapes, morph, shape_key_add, key_blocks, animation
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12)
ball = bpy.context.object

basis = ball.shape_key_add(name="Basis", from_mix=False)   # first key = rest shape
squash = ball.shape_key_add(name="Squash", from_mix=False)

# Edit the key's own coordinates, not mesh.vertices.
for point in squash.data:
    point.co.z *= 0.4
    point.co.x *= 1.3
    point.co.y *= 1.3

squash.slider_min = 0.0
squash.slider_max = 1.0
squash.value = 0.5

# Keys live on mesh.shape_keys (a Key datablock).
key_blocks = ball.data.shape_keys.key_blocks
print([kb.name for kb in key_blocks], "relative to:", squash.relative_key.name)

# Animate the influence.
squash.value = 0.0
squash.keyframe_insert("value", frame=1)
squash.value = 1.0
squash.keyframe_insert("value", frame=20)
