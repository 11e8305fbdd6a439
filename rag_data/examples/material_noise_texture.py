# title: Procedural marble-like colour from a Noise Texture and Color Ramp
# shows: Drives Base Color from a Noise Texture through a Color Ramp (ShaderNodeValToRGB) whose stops are edited with color_ramp.elements.
# tags: material, noise texture, color ramp, procedural, texture
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.object

mat = bpy.data.materials.new("Marble")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
bsdf = nodes["Principled BSDF"]

noise = nodes.new("ShaderNodeTexNoise")
noise.inputs["Scale"].default_value = 4.0
noise.inputs["Detail"].default_value = 10.0
noise.inputs["Distortion"].default_value = 2.0

ramp = nodes.new("ShaderNodeValToRGB")
elements = ramp.color_ramp.elements
elements[0].position = 0.45
elements[0].color = (0.05, 0.05, 0.06, 1.0)
elements[1].position = 0.55
elements[1].color = (0.95, 0.95, 0.92, 1.0)
mid = elements.new(0.5)            # add a stop in the middle
mid.color = (0.5, 0.48, 0.45, 1.0)
ramp.color_ramp.interpolation = 'EASE'

links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
cube.data.materials.append(mat)
