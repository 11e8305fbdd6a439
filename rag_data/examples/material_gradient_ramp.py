# title: Vertical colour gradient with Gradient Texture and Color Ramp
# shows: Rotates Generated texture coordinates with a Mapping node so a Gradient Texture runs along Z, then colours it with a three-stop Color Ramp.
# tags: material, gradient texture, color ramp, mapping, generated coordinates
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cylinder_add(radius=0.5, depth=3.0)
pillar = bpy.context.object

mat = bpy.data.materials.new("Sunset")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

coords = nodes.new("ShaderNodeTexCoord")
mapping = nodes.new("ShaderNodeMapping")
# Linear gradients run along X; rotate the coordinates so X follows Z.
mapping.inputs["Rotation"].default_value = (0.0, math.radians(-90), 0.0)

gradient = nodes.new("ShaderNodeTexGradient")
gradient.gradient_type = 'LINEAR'

ramp = nodes.new("ShaderNodeValToRGB")
ramp.color_ramp.elements[0].color = (0.1, 0.0, 0.3, 1.0)
ramp.color_ramp.elements[1].color = (1.0, 0.9, 0.3, 1.0)
ramp.color_ramp.elements.new(0.5).color = (0.9, 0.2, 0.1, 1.0)

links.new(coords.outputs["Generated"], mapping.inputs["Vector"])
links.new(mapping.outputs["Vector"], gradient.inputs["Vector"])
links.new(gradient.outputs["Fac"], ramp.inputs["Fac"])
links.new(ramp.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
pillar.data.materials.append(mat)
