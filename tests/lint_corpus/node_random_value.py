# mistake: the Random Value node is FunctionNodeRandomValue, not GeometryNodeRandomValue
# blender-error: RuntimeError at line 13

import bpy

group = bpy.data.node_groups.new("Jitter", 'GeometryNodeTree')
group.interface.new_socket(name="Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
group.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')

inp = group.nodes.new('NodeGroupInput')
out = group.nodes.new('NodeGroupOutput')
set_pos = group.nodes.new('GeometryNodeSetPosition')
rand = group.nodes.new('GeometryNodeRandomValue')
rand.data_type = 'FLOAT_VECTOR'

group.links.new(inp.outputs["Geometry"], set_pos.inputs["Geometry"])
group.links.new(rand.outputs["Value"], set_pos.inputs["Offset"])
group.links.new(set_pos.outputs["Geometry"], out.inputs["Geometry"])
