# title: Fog inside an object with a volume material
# shows: Removes the surface shader and connects a Principled Volume (Color, Density, Anisotropy) to the Material Output Volume socket of a cube.
# tags: material, volume, fog, principled volume, smoke
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=2.0)
fog_box = bpy.context.object
fog_box.name = "FogBox"

mat = bpy.data.materials.new("Fog")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
nodes.remove(nodes["Principled BSDF"])   # no surface: only the volume shows

volume = nodes.new("ShaderNodeVolumePrincipled")
volume.inputs["Color"].default_value = (0.8, 0.85, 1.0, 1.0)
volume.inputs["Density"].default_value = 0.3
volume.inputs["Anisotropy"].default_value = 0.2

links.new(volume.outputs["Volume"], nodes["Material Output"].inputs["Volume"])
fog_box.data.materials.append(mat)
