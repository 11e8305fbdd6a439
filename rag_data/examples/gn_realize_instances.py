# title: Realize geometry-node instances into a real mesh
# shows: Instances cubes on the points of a Mesh Line, then converts the instances into editable mesh data with Realize Instances and bakes the evaluated mesh.
# tags: geometry nodes, realize instances, mesh line, instances, new_from_object
# blender: 4.2

import bpy

host = bpy.data.objects.new("Stairs", bpy.data.meshes.new("Stairs"))
bpy.context.collection.objects.link(host)

tree = bpy.data.node_groups.new("StairNodes", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links

line = n.new("GeometryNodeMeshLine")        # one point per step
line.mode = 'OFFSET'
line.inputs["Count"].default_value = 8
line.inputs["Offset"].default_value = (0.0, 0.4, 0.25)

step = n.new("GeometryNodeMeshCube")
step.inputs["Size"].default_value = (1.5, 0.4, 0.25)

inst = n.new("GeometryNodeInstanceOnPoints")
realize = n.new("GeometryNodeRealizeInstances")
gout = n.new("NodeGroupOutput")

l.new(line.outputs["Mesh"], inst.inputs["Points"])
l.new(step.outputs["Mesh"], inst.inputs["Instance"])
l.new(inst.outputs["Instances"], realize.inputs["Geometry"])
l.new(realize.outputs["Geometry"], gout.inputs["Geometry"])
host.modifiers.new("Stairs", 'NODES').node_group = tree

# Because the instances are realized, the evaluated mesh holds all vertices.
evaluated = host.evaluated_get(bpy.context.evaluated_depsgraph_get())
baked = bpy.data.meshes.new_from_object(evaluated)
print("realized vertices:", len(baked.vertices))
