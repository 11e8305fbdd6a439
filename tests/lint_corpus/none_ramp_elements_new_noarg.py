# mistake: ColorRampElements.new requires the position argument
# blender-error: TypeError at line 10
# category: none

import bpy

mat = bpy.data.materials.new("Gradient")
mat.use_nodes = True
ramp = mat.node_tree.nodes.new("ShaderNodeValToRGB")
stop = ramp.color_ramp.elements.new()
stop.color = (0.2, 0.5, 1.0, 1.0)
