# title: Clear glass using Principled BSDF transmission
# shows: Sets Transmission Weight to 1 with low Roughness and an IOR on the Principled BSDF, and enables EEVEE Next ray-traced refraction on the material.
# tags: material, principled bsdf, transmission, glass, ior, eevee
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(radius=0.4, depth=1.2)
glass_obj = bpy.context.object
glass_obj.modifiers.new("Shell", 'SOLIDIFY').thickness = 0.03

mat = bpy.data.materials.new("ClearGlass")
mat.use_nodes = True
bsdf = mat.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (1.0, 1.0, 1.0, 1.0)
bsdf.inputs["Transmission Weight"].default_value = 1.0   # was "Transmission" in 3.x
bsdf.inputs["Roughness"].default_value = 0.0
bsdf.inputs["IOR"].default_value = 1.5

# EEVEE Next (4.2+): refraction is traced per material; the thickness
# mode tells it how thick the object is (Cycles ignores both).
mat.use_raytrace_refraction = True
mat.thickness_mode = 'SLAB'

glass_obj.data.materials.append(mat)
