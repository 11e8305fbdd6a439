# title: Add a compositor Glare (bloom) and colour correction
# shows: Enables scene.use_nodes, inserts a Glare node (FOG_GLOW) between Render Layers and Composite using its 4.4 input sockets, and adds a Color Balance node; replaces EEVEE's old bloom setting.
# tags: compositor, glare, bloom, nodes, post processing, color balance
# blender: 4.4

import bpy

bpy.ops.mesh.primitive_uv_sphere_add()
glow = bpy.data.materials.new("Glow")
glow.use_nodes = True
glow.node_tree.nodes["Principled BSDF"].inputs["Emission Color"].default_value = (1, 0.5, 0.2, 1)
glow.node_tree.nodes["Principled BSDF"].inputs["Emission Strength"].default_value = 20
bpy.context.object.data.materials.append(glow)

scene = bpy.context.scene
scene.use_nodes = True                       # creates Render Layers -> Composite
tree = scene.node_tree
layers = tree.nodes["Render Layers"]
composite = tree.nodes["Composite"]

glare = tree.nodes.new("CompositorNodeGlare")
glare.glare_type = 'FOG_GLOW'
# 4.4 exposes the glare options as sockets (older versions: glare.threshold, glare.size).
glare.inputs["Threshold"].default_value = 0.8
glare.inputs["Strength"].default_value = 0.7
glare.inputs["Size"].default_value = 0.6

balance = tree.nodes.new("CompositorNodeColorBalance")
balance.correction_method = 'LIFT_GAMMA_GAIN'
balance.gain = (1.05, 1.0, 0.95)

tree.links.new(layers.outputs["Image"], glare.inputs["Image"])
tree.links.new(glare.outputs["Image"], balance.inputs["Image"])
tree.links.new(balance.outputs["Image"], composite.inputs["Image"])
print([n.bl_idname for n in tree.nodes])
