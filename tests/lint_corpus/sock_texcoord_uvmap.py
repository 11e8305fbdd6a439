# mistake: the Texture Coordinate node's output is "UV", not "UVMap"
# blender-error: KeyError at line 15

import bpy

mat = bpy.data.materials.new("Tiles")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

coords = nodes.new("ShaderNodeTexCoord")
mapping = nodes.new("ShaderNodeMapping")
brick = nodes.new("ShaderNodeTexBrick")
mapping.inputs["Scale"].default_value = (4.0, 4.0, 4.0)

links.new(coords.outputs["UVMap"], mapping.inputs["Vector"])
links.new(mapping.outputs["Vector"], brick.inputs["Vector"])
