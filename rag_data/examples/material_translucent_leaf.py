# title: Leaf material mixing translucent and principled shading
# shows: Uses an Add Shader to combine a Principled BSDF with a Translucent BSDF, and uses Alpha with blend_method/surface_render_method settings.
# tags: material, translucent, add shader, leaf, alpha
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=1.0)
leaf = bpy.context.object

mat = bpy.data.materials.new("Leaf")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
bsdf = nodes["Principled BSDF"]
bsdf.inputs["Base Color"].default_value = (0.1, 0.4, 0.05, 1.0)
bsdf.inputs["Roughness"].default_value = 0.6

trans = nodes.new("ShaderNodeBsdfTranslucent")
trans.inputs["Color"].default_value = (0.2, 0.5, 0.05, 1.0)

add = nodes.new("ShaderNodeAddShader")
links.new(bsdf.outputs["BSDF"], add.inputs[0])
links.new(trans.outputs["BSDF"], add.inputs[1])
links.new(add.outputs["Shader"], nodes["Material Output"].inputs["Surface"])

mat.use_backface_culling = False
mat.surface_render_method = 'DITHERED'   # EEVEE Next; replaces blend_method
leaf.data.materials.append(mat)
