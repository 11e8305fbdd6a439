# mistake: interface.new_socket's in_out is 'INPUT' or 'OUTPUT', not 'IN'
# blender-error: TypeError at line 8

import bpy

group = bpy.data.node_groups.new("Displace", 'GeometryNodeTree')
group.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
group.interface.new_socket(name="Geometry", in_out='IN', socket_type='NodeSocketGeometry')
group.interface.new_socket(name="Strength", in_out='INPUT', socket_type='NodeSocketFloat')
