# title: Sweep a profile along a spiral with Curve to Mesh
# shows: Generates a Spiral curve and a Curve Circle profile inside geometry nodes and converts them to a tube with Curve to Mesh (fill caps).
# tags: geometry nodes, curve to mesh, spiral, curve circle, sweep
# blender: 4.2

import bpy

host = bpy.data.objects.new("Coil", bpy.data.meshes.new("Coil"))
bpy.context.collection.objects.link(host)

tree = bpy.data.node_groups.new("CoilNodes", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links

spiral = n.new("GeometryNodeCurveSpiral")
spiral.inputs["Rotations"].default_value = 4.0
spiral.inputs["Start Radius"].default_value = 1.0
spiral.inputs["End Radius"].default_value = 0.5
spiral.inputs["Height"].default_value = 2.0

profile = n.new("GeometryNodeCurvePrimitiveCircle")
profile.inputs["Radius"].default_value = 0.08
profile.inputs["Resolution"].default_value = 12

sweep = n.new("GeometryNodeCurveToMesh")
sweep.inputs["Fill Caps"].default_value = True
smooth = n.new("GeometryNodeSetShadeSmooth")
gout = n.new("NodeGroupOutput")

l.new(spiral.outputs["Curve"], sweep.inputs["Curve"])
l.new(profile.outputs["Curve"], sweep.inputs["Profile Curve"])
l.new(sweep.outputs["Mesh"], smooth.inputs["Geometry"])
l.new(smooth.outputs["Geometry"], gout.inputs["Geometry"])

host.modifiers.new("Coil", 'NODES').node_group = tree
