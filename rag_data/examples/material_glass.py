# title: Glass material with the Glass BSDF node
# shows: Builds a material from an empty node tree (nodes.clear), adds a Glass BSDF with colour, roughness and IOR, and connects it to a new Material Output.
# tags: material, glass, bsdf, ior, transparent
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=4, radius=1.0)
obj = bpy.context.object
obj.data.shade_smooth()

mat = bpy.data.materials.new("Glass")
mat.use_nodes = True
tree = mat.node_tree
tree.nodes.clear()  # start from scratch

glass = tree.nodes.new("ShaderNodeBsdfGlass")
glass.inputs["Color"].default_value = (0.85, 0.95, 1.0, 1.0)
glass.inputs["Roughness"].default_value = 0.02
glass.inputs["IOR"].default_value = 1.45
glass.location = (-200, 0)

output = tree.nodes.new("ShaderNodeOutputMaterial")
output.location = (100, 0)
tree.links.new(glass.outputs["BSDF"], output.inputs["Surface"])

obj.data.materials.append(mat)
