# mistake: the Mix node (ShaderNodeMix) input is "Factor", not "Fac" (that was MixRGB's)
# blender-error: KeyError at line 12

import bpy

mat = bpy.data.materials.new("TwoTone")
mat.use_nodes = True
nt = mat.node_tree

mix = nt.nodes.new("ShaderNodeMix")
mix.data_type = 'RGBA'
mix.inputs["Fac"].default_value = 0.25
mix.inputs["A"].default_value = (1, 1, 1, 1)
