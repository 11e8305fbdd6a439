# mistake: a new material has no node tree until use_nodes is enabled (node_tree is None)
# blender-error: AttributeError at line 8
# category: none

import bpy

mat = bpy.data.materials.new("Red")
bsdf = mat.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (1, 0, 0, 1)
