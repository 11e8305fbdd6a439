# mistake: GeometryNodeAttributeRandomize is a Blender 2.9x node that no longer exists
# blender-error: RuntimeError at line 11

import bpy

tree = bpy.data.node_groups.new("RandomScale", 'GeometryNodeTree')
tree.interface.new_socket(name="Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
nodes = tree.nodes

randomize = nodes.new("GeometryNodeAttributeRandomize")
randomize.location = (200, 0)
