# title: Build a snowman from mesh primitive nodes and Join Geometry
# shows: Generates geometry entirely inside a node tree (UV Sphere and Cone primitives, Transform nodes) and merges the parts with Join Geometry on an empty mesh object.
# tags: geometry nodes, mesh primitives, join geometry, transform, procedural
# blender: 4.2

import bpy

# The modifier needs a host object; its own mesh can be empty.
host = bpy.data.objects.new("Snowman", bpy.data.meshes.new("SnowmanBase"))
bpy.context.collection.objects.link(host)

tree = bpy.data.node_groups.new("SnowmanNodes", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
nodes, links = tree.nodes, tree.links
gout = nodes.new("NodeGroupOutput")
join = nodes.new("GeometryNodeJoinGeometry")


def ball(radius, z):
    sphere = nodes.new("GeometryNodeMeshUVSphere")
    sphere.inputs["Radius"].default_value = radius
    move = nodes.new("GeometryNodeTransform")
    move.inputs["Translation"].default_value = (0, 0, z)
    links.new(sphere.outputs["Mesh"], move.inputs["Geometry"])
    links.new(move.outputs["Geometry"], join.inputs["Geometry"])


ball(0.8, 0.8)
ball(0.55, 2.0)
ball(0.38, 2.85)

nose = nodes.new("GeometryNodeMeshCone")
nose.inputs["Radius Bottom"].default_value = 0.08
nose.inputs["Depth"].default_value = 0.4
turn = nodes.new("GeometryNodeTransform")
turn.inputs["Translation"].default_value = (0, -0.5, 2.9)
turn.inputs["Rotation"].default_value = (1.5708, 0, 0)
links.new(nose.outputs["Mesh"], turn.inputs["Geometry"])
links.new(turn.outputs["Geometry"], join.inputs["Geometry"])

links.new(join.outputs["Geometry"], gout.inputs["Geometry"])
host.modifiers.new("Snowman", 'NODES').node_group = tree
