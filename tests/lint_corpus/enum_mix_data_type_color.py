# mistake: the Mix node's color mode is data_type = 'RGBA', not 'COLOR'
# blender-error: TypeError at line 12

import bpy

mat = bpy.data.materials.new("Dirt")
mat.use_nodes = True
nt = mat.node_tree

noise = nt.nodes.new("ShaderNodeTexNoise")
mix = nt.nodes.new("ShaderNodeMix")
mix.data_type = 'COLOR'
mix.blend_type = 'MULTIPLY'
nt.links.new(noise.outputs["Fac"], mix.inputs[0])
