# title: Extrude faces by random amounts with the Extrude Mesh node
# shows: Uses Extrude Mesh in FACES mode on a grid, with a Random Value node as Offset Scale, to make a city-block pattern; Individual is enabled.
# tags: geometry nodes, extrude mesh, random value, grid, city
# blender: 4.2

import bpy

host = bpy.data.objects.new("City", bpy.data.meshes.new("City"))
bpy.context.collection.objects.link(host)

tree = bpy.data.node_groups.new("CityBlocks", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links

grid = n.new("GeometryNodeMeshGrid")
grid.inputs["Size X"].default_value = 6.0
grid.inputs["Size Y"].default_value = 6.0
grid.inputs["Vertices X"].default_value = 9
grid.inputs["Vertices Y"].default_value = 9

# Shrink each face a bit so buildings have gaps between them.
shrink = n.new("GeometryNodeScaleElements")
shrink.inputs["Scale"].default_value = 0.7

height = n.new("FunctionNodeRandomValue")   # FLOAT by default
height.inputs[2].default_value = 0.2        # Min
height.inputs[3].default_value = 2.0        # Max

extrude = n.new("GeometryNodeExtrudeMesh")
extrude.mode = 'FACES'
extrude.inputs["Individual"].default_value = True
gout = n.new("NodeGroupOutput")

l.new(grid.outputs["Mesh"], shrink.inputs["Geometry"])
l.new(shrink.outputs["Geometry"], extrude.inputs["Mesh"])
l.new(height.outputs[1], extrude.inputs["Offset Scale"])
l.new(extrude.outputs["Mesh"], gout.inputs["Geometry"])

host.modifiers.new("CityBlocks", 'NODES').node_group = tree
