# title: Displace vertices with noise using Set Position in geometry nodes
# shows: Offsets every vertex of a sphere along its normal by a Noise Texture value using Set Position, Normal, Noise Texture and Vector Math (SCALE) nodes.
# tags: geometry nodes, set position, noise texture, displacement, vector math
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(segments=64, ring_count=32, radius=1.0)
obj = bpy.context.object
obj.name = "NoisyBlob"

tree = bpy.data.node_groups.new("NoiseDisplace", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
nodes, links = tree.nodes, tree.links
gin, gout = nodes.new("NodeGroupInput"), nodes.new("NodeGroupOutput")

noise = nodes.new("ShaderNodeTexNoise")     # shader texture nodes work in GN too
noise.inputs["Scale"].default_value = 2.5
noise.inputs["Detail"].default_value = 4.0

# Centre the 0..1 noise around zero: (fac - 0.5)
center = nodes.new("ShaderNodeMath")
center.operation = 'SUBTRACT'
center.inputs[1].default_value = 0.5

normal = nodes.new("GeometryNodeInputNormal")
scale = nodes.new("ShaderNodeVectorMath")
scale.operation = 'SCALE'

set_pos = nodes.new("GeometryNodeSetPosition")

links.new(noise.outputs["Fac"], center.inputs[0])
links.new(normal.outputs["Normal"], scale.inputs[0])
links.new(center.outputs["Value"], scale.inputs["Scale"])
links.new(scale.outputs["Vector"], set_pos.inputs["Offset"])
links.new(gin.outputs["Geometry"], set_pos.inputs["Geometry"])
links.new(set_pos.outputs["Geometry"], gout.inputs["Geometry"])

obj.modifiers.new("NoiseDisplace", 'NODES').node_group = tree
obj.data.shade_smooth()
