# title: Cell pattern from a Voronoi Texture
# shows: Uses a Voronoi Texture with feature and distance settings, Texture Coordinate and Mapping nodes for scale, and feeds Color into Base Color and Distance into Roughness.
# tags: material, voronoi, texture coordinate, mapping, procedural
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=2.0)
plane = bpy.context.object

mat = bpy.data.materials.new("Cells")
mat.use_nodes = True
nt = mat.node_tree
bsdf = nt.nodes["Principled BSDF"]

coords = nt.nodes.new("ShaderNodeTexCoord")
mapping = nt.nodes.new("ShaderNodeMapping")
mapping.inputs["Scale"].default_value = (3.0, 3.0, 3.0)

voronoi = nt.nodes.new("ShaderNodeTexVoronoi")
voronoi.feature = 'F1'                # also 'F2', 'SMOOTH_F1', 'DISTANCE_TO_EDGE'
voronoi.distance = 'EUCLIDEAN'
voronoi.inputs["Scale"].default_value = 5.0
voronoi.inputs["Randomness"].default_value = 0.9

nt.links.new(coords.outputs["UV"], mapping.inputs["Vector"])
nt.links.new(mapping.outputs["Vector"], voronoi.inputs["Vector"])
nt.links.new(voronoi.outputs["Color"], bsdf.inputs["Base Color"])
nt.links.new(voronoi.outputs["Distance"], bsdf.inputs["Roughness"])
plane.data.materials.append(mat)
