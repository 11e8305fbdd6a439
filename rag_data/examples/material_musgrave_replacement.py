# title: Replace the removed Musgrave Texture with Noise Texture types
# shows: Blender 4.1 merged Musgrave into Noise Texture; sets noise_type (e.g. RIDGED_MULTIFRACTAL) plus Detail, Roughness, Lacunarity, Offset and Gain to get the same patterns.
# tags: material, noise texture, musgrave, fractal, ridged, 4.1
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=4.0)
ground = bpy.context.object

mat = bpy.data.materials.new("RidgedRock")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

# ShaderNodeTexMusgrave no longer exists; the Noise node covers its modes:
# 'FBM', 'MULTIFRACTAL', 'RIDGED_MULTIFRACTAL', 'HYBRID_MULTIFRACTAL', 'HETERO_TERRAIN'.
noise = nodes.new("ShaderNodeTexNoise")
noise.noise_type = 'RIDGED_MULTIFRACTAL'
noise.noise_dimensions = '3D'
noise.normalize = False
noise.inputs["Scale"].default_value = 3.0
noise.inputs["Detail"].default_value = 8.0
noise.inputs["Roughness"].default_value = 0.5    # old "Dimension" maps to roughness
noise.inputs["Lacunarity"].default_value = 2.0
noise.inputs["Offset"].default_value = 1.0
noise.inputs["Gain"].default_value = 2.0

ramp = nodes.new("ShaderNodeValToRGB")
ramp.color_ramp.elements[0].color = (0.1, 0.08, 0.06, 1.0)
ramp.color_ramp.elements[1].color = (0.7, 0.65, 0.6, 1.0)

links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
links.new(ramp.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
ground.data.materials.append(mat)
