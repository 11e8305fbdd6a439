# mistake: NodeLinks.new takes input and output; from_socket/to_socket are attributes of a link, not keywords
# blender-error: TypeError at line 14

import bpy

mat = bpy.data.materials.new("Checker")
mat.use_nodes = True
nodes = mat.node_tree.nodes
links = mat.node_tree.links

bsdf = nodes["Principled BSDF"]
checker = nodes.new("ShaderNodeTexChecker")
checker.location = (-300, 300)
links.new(from_socket=checker.outputs["Color"], to_socket=bsdf.inputs["Base Color"])
