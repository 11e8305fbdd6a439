# title: Randomize instance rotation and scale with Random Value nodes
# shows: Scatters cone instances on a plane and drives their Rotation and Scale inputs from Random Value nodes of FLOAT_VECTOR and FLOAT data types.
# tags: geometry nodes, random value, instances, rotation, scale, scatter
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_plane_add(size=6.0)
field = bpy.context.object
field.name = "Forest"

tree = bpy.data.node_groups.new("RandomForest", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links
gin, gout = n.new("NodeGroupInput"), n.new("NodeGroupOutput")

points = n.new("GeometryNodeDistributePointsOnFaces")
points.inputs["Density"].default_value = 3.0

tree_shape = n.new("GeometryNodeMeshCone")
tree_shape.inputs["Radius Bottom"].default_value = 0.3
tree_shape.inputs["Depth"].default_value = 1.2

# Random rotation around Z only.
rot = n.new("FunctionNodeRandomValue")
rot.data_type = 'FLOAT_VECTOR'
rot.inputs["Min"].default_value = (0, 0, 0)
rot.inputs["Max"].default_value = (0, 0, 2 * math.pi)

# Uniform random scale (a float feeds all three axes).
size = n.new("FunctionNodeRandomValue")
size.data_type = 'FLOAT'
size.inputs[2].default_value = 0.5   # float Min (inputs share names per type)
size.inputs[3].default_value = 1.5   # float Max
size.inputs["Seed"].default_value = 11

inst = n.new("GeometryNodeInstanceOnPoints")
join = n.new("GeometryNodeJoinGeometry")

l.new(gin.outputs["Geometry"], points.inputs["Mesh"])
l.new(points.outputs["Points"], inst.inputs["Points"])
l.new(tree_shape.outputs["Mesh"], inst.inputs["Instance"])
l.new(rot.outputs["Value"], inst.inputs["Rotation"])
l.new(size.outputs[1], inst.inputs["Scale"])        # float "Value" output
l.new(gin.outputs["Geometry"], join.inputs["Geometry"])
l.new(inst.outputs["Instances"], join.inputs["Geometry"])
l.new(join.outputs["Geometry"], gout.inputs["Geometry"])

field.modifiers.new("RandomForest", 'NODES').node_group = tree
