# mistake: ShaderNodeTexMusgrave was removed in Blender 4.1 (merged into ShaderNodeTexNoise)
# blender-error: RuntimeError at line 11

import bpy

mat = bpy.data.materials.new("Terrain")
mat.use_nodes = True
nodes = mat.node_tree.nodes
links = mat.node_tree.links

musgrave = nodes.new(type="ShaderNodeTexMusgrave")
musgrave.location = (-400, 0)
ramp = nodes.new(type="ShaderNodeValToRGB")
links.new(musgrave.outputs[0], ramp.inputs["Fac"])
