# mistake: Principled BSDF input "Emission" was renamed "Emission Color" in Blender 4.0
# blender-error: KeyError at line 14

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.3)
lamp = bpy.context.active_object

mat = bpy.data.materials.new("Glow")
mat.use_nodes = True
lamp.data.materials.append(mat)

bsdf = mat.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Emission"].default_value = (1.0, 0.8, 0.4, 1.0)
bsdf.inputs["Emission Strength"].default_value = 10.0
