# title: Blend two shaders with a Mix Shader driven by Fresnel
# shows: Mixes a Diffuse BSDF and a Glossy BSDF with a Mix Shader node whose Fac comes from a Fresnel node; inputs are addressed by index because both shader sockets share a name.
# tags: material, mix shader, fresnel, diffuse, glossy, shader nodes
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add()
ball = bpy.context.object
ball.data.shade_smooth()

mat = bpy.data.materials.new("Lacquer")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
nodes.remove(nodes["Principled BSDF"])
out = nodes["Material Output"]

diffuse = nodes.new("ShaderNodeBsdfDiffuse")
diffuse.inputs["Color"].default_value = (0.6, 0.05, 0.1, 1.0)
glossy = nodes.new("ShaderNodeBsdfGlossy")   # "Glossy BSDF" (anisotropic-capable)
glossy.inputs["Roughness"].default_value = 0.1
fresnel = nodes.new("ShaderNodeFresnel")
fresnel.inputs["IOR"].default_value = 1.5

mix = nodes.new("ShaderNodeMixShader")
links.new(fresnel.outputs["Fac"], mix.inputs["Fac"])
links.new(diffuse.outputs["BSDF"], mix.inputs[1])   # first "Shader" socket
links.new(glossy.outputs["BSDF"], mix.inputs[2])    # second "Shader" socket
links.new(mix.outputs["Shader"], out.inputs["Surface"])
ball.data.materials.append(mat)
