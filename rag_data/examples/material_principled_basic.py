# title: Create a Principled BSDF material and assign it to an object
# shows: Makes a node-based material, sets Base Color, Roughness and Metallic on the default Principled BSDF node and appends it to the object's material slots.
# tags: material, principled bsdf, base color, roughness, assign
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(radius=1.0)
obj = bpy.context.active_object
obj.data.shade_smooth()

mat = bpy.data.materials.new(name="RedPlastic")
mat.use_nodes = True  # creates "Principled BSDF" + "Material Output"

bsdf = mat.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (0.8, 0.05, 0.05, 1.0)  # RGBA, linear
bsdf.inputs["Roughness"].default_value = 0.35
bsdf.inputs["Metallic"].default_value = 0.0

# The viewport (solid mode) colour is separate from the node colour.
mat.diffuse_color = (0.8, 0.05, 0.05, 1.0)

obj.data.materials.append(mat)
