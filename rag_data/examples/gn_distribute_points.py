# title: Scatter points on a surface with Distribute Points on Faces
# shows: Builds a geometry node tree that distributes points on a grid (Poisson disk mode with minimum distance and density) and turns them into small spheres by instancing and realizing.
# tags: geometry nodes, distribute points, scatter, poisson, points
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_grid_add(size=4.0)
ground = bpy.context.object

tree = bpy.data.node_groups.new("Scatter", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
nodes, links = tree.nodes, tree.links

group_in = nodes.new("NodeGroupInput")
group_out = nodes.new("NodeGroupOutput")

scatter = nodes.new("GeometryNodeDistributePointsOnFaces")
scatter.distribute_method = 'POISSON'          # 'RANDOM' is the other mode
scatter.inputs["Distance Min"].default_value = 0.3
scatter.inputs["Density Max"].default_value = 20.0
scatter.inputs["Seed"].default_value = 4

# Show every point as a small sphere by instancing an icosphere on it.
pebble = nodes.new("GeometryNodeMeshIcoSphere")
pebble.inputs["Radius"].default_value = 0.05
on_points = nodes.new("GeometryNodeInstanceOnPoints")
join = nodes.new("GeometryNodeJoinGeometry")

links.new(group_in.outputs["Geometry"], scatter.inputs["Mesh"])
links.new(scatter.outputs["Points"], on_points.inputs["Points"])
links.new(pebble.outputs["Mesh"], on_points.inputs["Instance"])
# Join accepts many links into its single multi-input socket.
links.new(group_in.outputs["Geometry"], join.inputs["Geometry"])
links.new(on_points.outputs["Instances"], join.inputs["Geometry"])
links.new(join.outputs["Geometry"], group_out.inputs["Geometry"])

ground.modifiers.new("Scatter", 'NODES').node_group = tree
