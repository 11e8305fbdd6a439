# title: Use a mesh as a light source with an emissive material
# shows: Creates a panel light from a plane with an Emission shader and makes it invisible to the camera via visible_camera while it still lights the scene in Cycles.
# tags: light, emission, mesh light, visibility, cycles
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, 0, 0.5))

bpy.ops.mesh.primitive_plane_add(size=2.0, location=(0, 0, 3))
panel = bpy.context.object
panel.name = "LightPanel"
panel.rotation_euler.x = 3.14159  # face down

mat = bpy.data.materials.new("PanelGlow")
mat.use_nodes = True
nodes = mat.node_tree.nodes
nodes.remove(nodes["Principled BSDF"])
emission = nodes.new("ShaderNodeEmission")
emission.inputs["Strength"].default_value = 20.0
mat.node_tree.links.new(emission.outputs[0], nodes["Material Output"].inputs["Surface"])
panel.data.materials.append(mat)

# Ray visibility flags are plain object properties in 3.0+.
panel.visible_camera = False
panel.visible_shadow = False
