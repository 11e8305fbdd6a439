# mistake: Principled BSDF input "Specular" was renamed "Specular IOR Level" in Blender 4.0
# blender-error: KeyError at line 11

import bpy

mat = bpy.data.materials.new(name="Plastic")
mat.use_nodes = True
bsdf = mat.node_tree.nodes.get("Principled BSDF")
bsdf.inputs["Base Color"].default_value = (0.1, 0.3, 0.8, 1.0)
bsdf.inputs["Roughness"].default_value = 0.35
bsdf.inputs["Specular"].default_value = 0.5
