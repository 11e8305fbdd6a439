# mistake: ShaderNodeBsdfVelvet was renamed ShaderNodeBsdfSheen in Blender 4.0
# blender-error: RuntimeError at line 11

import bpy

cloth = bpy.data.materials.new("Cloth")
cloth.use_nodes = True
tree = cloth.node_tree
output = tree.nodes["Material Output"]

velvet = tree.nodes.new("ShaderNodeBsdfVelvet")
velvet.inputs["Color"].default_value = (0.4, 0.05, 0.1, 1.0)
tree.links.new(velvet.outputs["BSDF"], output.inputs["Surface"])
