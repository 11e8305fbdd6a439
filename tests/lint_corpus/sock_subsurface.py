# mistake: Principled BSDF input "Subsurface" was renamed "Subsurface Weight" in Blender 4.0
# blender-error: KeyError at line 14

import bpy

skin = bpy.data.materials.new("Skin")
skin.use_nodes = True
tree = skin.node_tree
tree.nodes.clear()

principled = tree.nodes.new("ShaderNodeBsdfPrincipled")
out = tree.nodes.new("ShaderNodeOutputMaterial")
principled.inputs["Base Color"].default_value = (0.8, 0.6, 0.5, 1.0)
principled.inputs["Subsurface"].default_value = 0.2
tree.links.new(principled.outputs["BSDF"], out.inputs["Surface"])
