# title: Skin-like material with subsurface scattering
# shows: Enables subsurface scattering on the Principled BSDF with Subsurface Weight, Subsurface Radius and Subsurface Scale, and picks the subsurface_method.
# tags: material, subsurface, sss, skin, wax, principled bsdf
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_monkey_add()
head = bpy.context.object
head.modifiers.new("Subdivision", 'SUBSURF').levels = 2
head.data.shade_smooth()

wax = bpy.data.materials.new("Wax")
wax.use_nodes = True
bsdf = wax.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (0.9, 0.75, 0.6, 1.0)
bsdf.inputs["Subsurface Weight"].default_value = 1.0
bsdf.inputs["Subsurface Radius"].default_value = (1.0, 0.4, 0.2)  # per RGB channel
bsdf.inputs["Subsurface Scale"].default_value = 0.1              # world units
bsdf.subsurface_method = 'RANDOM_WALK'
head.data.materials.append(wax)
