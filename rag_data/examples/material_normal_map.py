# title: Wire a Normal Map node (with a generated image)
# shows: Creates a blank image with bpy.data.images.new, uses it as a Non-Color Image Texture feeding a Normal Map node in TANGENT space, linked to the BSDF Normal.
# tags: material, normal map, image texture, non-color, tangent space
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=2.0)
wall = bpy.context.object

# A flat "normal" colour image (0.5, 0.5, 1) stands in for a baked map.
img = bpy.data.images.new("FlatNormal", width=16, height=16)
img.generated_color = (0.5, 0.5, 1.0, 1.0)
img.colorspace_settings.name = 'Non-Color'   # normal data must not be colour-managed

mat = bpy.data.materials.new("NormalMapped")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

tex = nodes.new("ShaderNodeTexImage")
tex.image = img
normal_map = nodes.new("ShaderNodeNormalMap")
normal_map.space = 'TANGENT'
normal_map.inputs["Strength"].default_value = 1.0

links.new(tex.outputs["Color"], normal_map.inputs["Color"])
links.new(normal_map.outputs["Normal"], nodes["Principled BSDF"].inputs["Normal"])
wall.data.materials.append(mat)
