# title: Expose geometry node parameters and set them on the modifier
# shows: Adds Float and Integer inputs with defaults and limits to a node group interface, then sets per-object values through modifier[socket.identifier].
# tags: geometry nodes, interface, inputs, modifier, parameters, identifier
# blender: 4.2

import bpy

tree = bpy.data.node_groups.new("Column", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
radius_socket = tree.interface.new_socket("Radius", in_out='INPUT', socket_type='NodeSocketFloat')
radius_socket.default_value = 0.3
radius_socket.min_value = 0.01
sides_socket = tree.interface.new_socket("Sides", in_out='INPUT', socket_type='NodeSocketInt')
sides_socket.default_value = 8
sides_socket.min_value = 3

n, l = tree.nodes, tree.links
gin, gout = n.new("NodeGroupInput"), n.new("NodeGroupOutput")
cyl = n.new("GeometryNodeMeshCylinder")
cyl.inputs["Depth"].default_value = 2.0
l.new(gin.outputs["Radius"], cyl.inputs["Radius"])
l.new(gin.outputs["Sides"], cyl.inputs["Vertices"])
l.new(cyl.outputs["Mesh"], gout.inputs["Geometry"])

# Two objects share the tree but use different parameter values.
for i, (radius, sides) in enumerate([(0.2, 6), (0.5, 24)]):
    obj = bpy.data.objects.new(f"Column{i}", bpy.data.meshes.new(f"Column{i}"))
    obj.location.x = i * 1.5
    bpy.context.collection.objects.link(obj)
    mod = obj.modifiers.new("Column", 'NODES')
    mod.node_group = tree
    # Modifier inputs are ID properties keyed by the socket identifier ("Socket_1"...).
    mod[radius_socket.identifier] = radius
    mod[sides_socket.identifier] = sides
    obj.update_tag()  # make sure the new values are re-evaluated
