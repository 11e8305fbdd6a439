# mistake: Principled BSDF input "Sheen" was renamed "Sheen Weight" in Blender 4.0
# blender-error: KeyError at line 11

import bpy

fabric = bpy.data.materials.new("Fabric")
fabric.use_nodes = True
nodes = fabric.node_tree.nodes
bsdf = nodes.new(type="ShaderNodeBsdfPrincipled")
bsdf.inputs["Roughness"].default_value = 0.9
bsdf.inputs["Sheen"].default_value = 0.7
