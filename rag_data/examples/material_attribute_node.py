# title: Colour objects randomly with the Object Info node
# shows: Uses Object Info "Random" output through a Color Ramp so every object that shares one material gets its own hue; also reads a custom object colour via obj.color.
# tags: material, object info, random, attribute, color ramp, object color
# blender: 4.2

import bpy

mat = bpy.data.materials.new("RandomTint")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

info = nodes.new("ShaderNodeObjectInfo")
ramp = nodes.new("ShaderNodeValToRGB")
ramp.color_ramp.elements[0].color = (0.9, 0.2, 0.1, 1.0)
ramp.color_ramp.elements[1].color = (0.1, 0.3, 0.9, 1.0)
links.new(info.outputs["Random"], ramp.inputs["Fac"])

# Multiply by the per-object colour property (obj.color) as well.
tint = nodes.new("ShaderNodeMix")
tint.data_type = 'RGBA'
tint.blend_type = 'MULTIPLY'
tint.inputs["Factor"].default_value = 1.0
links.new(ramp.outputs["Color"], tint.inputs["A"])
links.new(info.outputs["Color"], tint.inputs["B"])
links.new(tint.outputs["Result"], nodes["Principled BSDF"].inputs["Base Color"])

for i in range(5):
    bpy.ops.mesh.primitive_cube_add(size=0.8, location=(i * 1.0, 0, 0))
    cube = bpy.context.object
    cube.color = (1.0, 1.0, 1.0 - i * 0.15, 1.0)
    cube.data.materials.append(mat)
