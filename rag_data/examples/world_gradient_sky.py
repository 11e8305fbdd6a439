# title: Gradient sky background from the view direction
# shows: Drives the world Background colour with a Color Ramp over the Z component of Texture Coordinate Generated (via Separate XYZ) for a horizon-to-zenith gradient.
# tags: world, gradient, color ramp, texture coordinate, separate xyz
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)

world = bpy.data.worlds.new("GradientSky")
world.use_nodes = True
bpy.context.scene.world = world
nodes, links = world.node_tree.nodes, world.node_tree.links

coords = nodes.new("ShaderNodeTexCoord")
split = nodes.new("ShaderNodeSeparateXYZ")
ramp = nodes.new("ShaderNodeValToRGB")
ramp.color_ramp.elements[0].position = 0.5   # horizon (Z = 0 maps to 0.5)
ramp.color_ramp.elements[0].color = (0.9, 0.7, 0.5, 1.0)
ramp.color_ramp.elements[1].color = (0.1, 0.25, 0.7, 1.0)

# For worlds, "Generated" is the view direction: Z runs -1..1, remap to 0..1.
remap = nodes.new("ShaderNodeMapRange")
remap.inputs["From Min"].default_value = -1.0
remap.inputs["From Max"].default_value = 1.0

links.new(coords.outputs["Generated"], split.inputs["Vector"])
links.new(split.outputs["Z"], remap.inputs["Value"])
links.new(remap.outputs["Result"], ramp.inputs["Fac"])
links.new(ramp.outputs["Color"], nodes["Background"].inputs["Color"])
