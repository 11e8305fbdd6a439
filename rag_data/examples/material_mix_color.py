# title: Mix colours with the Mix node (data_type RGBA) and a blend mode
# shows: Uses ShaderNodeMix with data_type 'RGBA' and blend_type 'MULTIPLY' to darken a Checker Texture with a Noise Texture; replaces the legacy MixRGB node.
# tags: material, mix, rgba, blend mode, checker texture, multiply
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=2.0)
floor = bpy.context.object

mat = bpy.data.materials.new("DirtyTiles")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

checker = nodes.new("ShaderNodeTexChecker")
checker.inputs["Scale"].default_value = 8.0
checker.inputs["Color1"].default_value = (0.9, 0.9, 0.85, 1.0)
checker.inputs["Color2"].default_value = (0.15, 0.15, 0.2, 1.0)

dirt = nodes.new("ShaderNodeTexNoise")
dirt.inputs["Scale"].default_value = 6.0

# ShaderNodeMix has float/vector/color variants of A, B and Result (same
# names). In 4.4 a name lookup returns the socket enabled for data_type;
# version-proof alternative: mix.inputs[6] / mix.inputs[7] / mix.outputs[2].
mix = nodes.new("ShaderNodeMix")
mix.data_type = 'RGBA'
mix.blend_type = 'MULTIPLY'
mix.clamp_result = True
mix.inputs["Factor"].default_value = 0.7

links.new(checker.outputs["Color"], mix.inputs["A"])
links.new(dirt.outputs["Color"], mix.inputs["B"])
links.new(mix.outputs["Result"], nodes["Principled BSDF"].inputs["Base Color"])
floor.data.materials.append(mat)
