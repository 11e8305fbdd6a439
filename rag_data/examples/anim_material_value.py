# title: Keyframe a material node value (emission strength pulse)
# shows: Calls keyframe_insert on a shader node input socket's default_value so the material's node_tree gets its own action, making a light pulse.
# tags: animation, material, keyframe, node socket, emission, default_value
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)
orb = bpy.context.object

mat = bpy.data.materials.new("Pulse")
mat.use_nodes = True
bsdf = mat.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Emission Color"].default_value = (0.2, 1.0, 0.4, 1.0)
strength = bsdf.inputs["Emission Strength"]
orb.data.materials.append(mat)

# Socket values are animatable: keyframe default_value on the socket.
for frame, value in ((1, 0.0), (12, 8.0), (24, 0.0)):
    strength.default_value = value
    strength.keyframe_insert("default_value", frame=frame)

# The animation lives on the node tree, not on the material or object.
action = mat.node_tree.animation_data.action
print("animated paths:", [fc.data_path for fc in action.fcurves])
