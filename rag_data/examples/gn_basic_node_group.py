# title: Create a geometry nodes modifier and node group from Python
# shows: Makes a GeometryNodeTree, declares Geometry input/output sockets with interface.new_socket, wires a Transform node between group input and output and assigns it to a NODES modifier.
# tags: geometry nodes, node group, interface, new_socket, modifier, transform
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object

group = bpy.data.node_groups.new("ScaleUp", 'GeometryNodeTree')
# Blender 4.x: sockets live on group.interface (group.inputs/outputs are gone).
group.interface.new_socket(name="Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
group.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')

nodes = group.nodes
group_in = nodes.new("NodeGroupInput")
group_in.location = (-300, 0)
group_out = nodes.new("NodeGroupOutput")
group_out.location = (300, 0)

transform = nodes.new("GeometryNodeTransform")
transform.inputs["Scale"].default_value = (1.0, 1.0, 2.5)
transform.inputs["Translation"].default_value = (0.0, 0.0, 1.0)

group.links.new(group_in.outputs["Geometry"], transform.inputs["Geometry"])
group.links.new(transform.outputs["Geometry"], group_out.inputs["Geometry"])

mod = obj.modifiers.new(name="GeometryNodes", type='NODES')
mod.node_group = group
print("evaluated height:", obj.evaluated_get(bpy.context.evaluated_depsgraph_get()).dimensions.z)
