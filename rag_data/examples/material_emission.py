# title: Make a glowing material with the Emission shader
# shows: Replaces the Principled BSDF with an Emission node (Color, Strength) linked to the Material Output Surface, and also shows emission on Principled BSDF.
# tags: material, emission, glow, light, shader nodes
# blender: 4.2

import bpy

# Pure emission shader on a tube.
bpy.ops.mesh.primitive_cylinder_add(radius=0.1, depth=2.0, location=(-1, 0, 1))
tube = bpy.context.object
neon = bpy.data.materials.new("Neon")
neon.use_nodes = True
nodes, links = neon.node_tree.nodes, neon.node_tree.links
nodes.remove(nodes["Principled BSDF"])
emit = nodes.new("ShaderNodeEmission")
emit.inputs["Color"].default_value = (0.1, 0.6, 1.0, 1.0)
emit.inputs["Strength"].default_value = 15.0
links.new(emit.outputs["Emission"], nodes["Material Output"].inputs["Surface"])
tube.data.materials.append(neon)

# Emission on a Principled BSDF keeps the surface shading as well.
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5, location=(1, 0, 1))
bulb = bpy.context.object
warm = bpy.data.materials.new("WarmGlow")
warm.use_nodes = True
bsdf = warm.node_tree.nodes["Principled BSDF"]
bsdf.inputs["Emission Color"].default_value = (1.0, 0.6, 0.2, 1.0)
bsdf.inputs["Emission Strength"].default_value = 5.0
bulb.data.materials.append(warm)
