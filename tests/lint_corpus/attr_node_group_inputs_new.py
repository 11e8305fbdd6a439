# mistake: NodeTree.inputs/outputs were removed in Blender 4.0 (use group.interface.new_socket)
# blender-error: AttributeError at line 9

import bpy

group = bpy.data.node_groups.new("Wave", 'GeometryNodeTree')
group.interface.new_socket(name="Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
group.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
group.inputs.new('NodeSocketFloat', "Amplitude")

group_in = group.nodes.new('NodeGroupInput')
group_out = group.nodes.new('NodeGroupOutput')
group.links.new(group_in.outputs["Geometry"], group_out.inputs["Geometry"])
