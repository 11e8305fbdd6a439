# mistake: the material output node is ShaderNodeOutputMaterial; ShaderNodeOutput does not exist
# blender-error: RuntimeError at line 13

import bpy

mat = bpy.data.materials.new("Emitter")
mat.use_nodes = True
nodes = mat.node_tree.nodes
nodes.clear()

emission = nodes.new("ShaderNodeEmission")
emission.inputs["Strength"].default_value = 5.0
output = nodes.new("ShaderNodeOutput")
mat.node_tree.links.new(emission.outputs["Emission"], output.inputs["Surface"])
