# title: Add surface relief with a Bump node
# shows: Feeds a Voronoi texture distance into a Bump node (Strength, Distance, Height) and connects the resulting Normal to the Principled BSDF Normal input.
# tags: material, bump, normal, voronoi, relief
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(segments=48, ring_count=24)
orange = bpy.context.object
orange.data.shade_smooth()

mat = bpy.data.materials.new("OrangePeel")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
bsdf = nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (0.9, 0.35, 0.02, 1.0)
bsdf.inputs["Roughness"].default_value = 0.45

pores = nodes.new("ShaderNodeTexVoronoi")
pores.inputs["Scale"].default_value = 60.0

bump = nodes.new("ShaderNodeBump")
bump.inputs["Strength"].default_value = 0.4
bump.inputs["Distance"].default_value = 0.02

links.new(pores.outputs["Distance"], bump.inputs["Height"])
links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
orange.data.materials.append(mat)
