# title: Brushed metal material with anisotropy
# shows: Creates a metallic Principled BSDF (Metallic 1, tinted Base Color) with Anisotropic and Anisotropic Rotation inputs for a brushed look.
# tags: material, metal, metallic, anisotropic, principled bsdf
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_torus_add(major_radius=1.0, minor_radius=0.3)
ring = bpy.context.object
ring.data.shade_smooth()

gold = bpy.data.materials.new("BrushedGold")
gold.use_nodes = True
p = gold.node_tree.nodes["Principled BSDF"]
p.inputs["Base Color"].default_value = (1.0, 0.76, 0.33, 1.0)
p.inputs["Metallic"].default_value = 1.0
p.inputs["Roughness"].default_value = 0.25
p.inputs["Anisotropic"].default_value = 0.7
p.inputs["Anisotropic Rotation"].default_value = 0.25
gold.metallic = 1.0                # viewport display values
gold.diffuse_color = (1.0, 0.76, 0.33, 1.0)

ring.data.materials.append(gold)
