# title: Use the Blender 4.x Principled BSDF socket names
# shows: Sets the renamed 4.x inputs Specular IOR Level, Subsurface Weight, Coat Weight, Sheen Weight, Transmission Weight and Emission Color on a Principled BSDF.
# tags: material, principled bsdf, sockets, specular, coat, sheen, 4.0
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_monkey_add()
obj = bpy.context.object
obj.modifiers.new("Smooth", 'SUBSURF').levels = 1
obj.data.shade_smooth()

mat = bpy.data.materials.new("CarPaint")
mat.use_nodes = True
bsdf = mat.node_tree.nodes.get("Principled BSDF")
inputs = bsdf.inputs

inputs["Base Color"].default_value = (0.02, 0.1, 0.5, 1.0)
inputs["Metallic"].default_value = 0.6
inputs["Roughness"].default_value = 0.4
# 3.x "Specular" became "Specular IOR Level" (0.5 = physically neutral).
inputs["Specular IOR Level"].default_value = 0.5
# 3.x "Clearcoat" became "Coat Weight" / "Coat Roughness".
inputs["Coat Weight"].default_value = 1.0
inputs["Coat Roughness"].default_value = 0.05
# 3.x "Sheen" -> "Sheen Weight", "Subsurface" -> "Subsurface Weight",
# "Transmission" -> "Transmission Weight", "Emission" -> "Emission Color".
inputs["Sheen Weight"].default_value = 0.0
inputs["Subsurface Weight"].default_value = 0.0
inputs["Transmission Weight"].default_value = 0.0
inputs["Emission Color"].default_value = (0.0, 0.0, 0.0, 1.0)

obj.active_material = mat
