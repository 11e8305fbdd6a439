# mistake: Principled BSDF input "Clearcoat" was renamed "Coat Weight" in Blender 4.0
# blender-error: KeyError at line 11

import bpy

paint = bpy.data.materials.new("CarPaint")
paint.use_nodes = True
p = paint.node_tree.nodes["Principled BSDF"]
p.inputs["Base Color"].default_value = (0.6, 0.0, 0.02, 1.0)
p.inputs["Metallic"].default_value = 0.8
p.inputs["Clearcoat"].default_value = 1.0
p.inputs["Coat Roughness"].default_value = 0.03
