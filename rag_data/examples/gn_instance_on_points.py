# title: Instance an object on every vertex with geometry nodes
# shows: Uses Object Info to bring in a cone object and Instance on Points to place it on each vertex of an icosphere, aligned to the vertex normal.
# tags: geometry nodes, instance on points, object info, instancing, rotation
# blender: 4.2

import bpy

# The object that will be instanced; keep it out of the way.
bpy.ops.mesh.primitive_cone_add(radius1=0.08, depth=0.3, location=(0, 0, -5))
spike = bpy.context.object
spike.name = "Spike"
spike.hide_render = True

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2, radius=1.0)
ball = bpy.context.object
ball.name = "SpikyBall"

tree = bpy.data.node_groups.new("Spikes", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links
gin, gout = n.new("NodeGroupInput"), n.new("NodeGroupOutput")

info = n.new("GeometryNodeObjectInfo")
info.inputs["Object"].default_value = spike
info.transform_space = 'ORIGINAL'   # ignore where the source object sits

normal = n.new("GeometryNodeInputNormal")
# 4.2+ "Align Rotation to Vector" (the older Align Euler to Vector is deprecated).
align = n.new("FunctionNodeAlignRotationToVector")
align.axis = 'Z'                     # point the cone's Z along the normal

inst = n.new("GeometryNodeInstanceOnPoints")
join = n.new("GeometryNodeJoinGeometry")

l.new(gin.outputs["Geometry"], inst.inputs["Points"])
l.new(info.outputs["Geometry"], inst.inputs["Instance"])
l.new(normal.outputs["Normal"], align.inputs["Vector"])
l.new(align.outputs["Rotation"], inst.inputs["Rotation"])
l.new(gin.outputs["Geometry"], join.inputs["Geometry"])
l.new(inst.outputs["Instances"], join.inputs["Geometry"])
l.new(join.outputs["Geometry"], gout.inputs["Geometry"])

ball.modifiers.new("Spikes", 'NODES').node_group = tree
