# mistake: the Transform Geometry node's input is "Translation", not "Location"
# blender-error: KeyError at line 13

import bpy

ng = bpy.data.node_groups.new("Lift", 'GeometryNodeTree')
ng.interface.new_socket(name="Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
ng.interface.new_socket(name="Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')

group_in = ng.nodes.new("NodeGroupInput")
group_out = ng.nodes.new("NodeGroupOutput")
xform = ng.nodes.new("GeometryNodeTransform")
xform.inputs["Location"].default_value = (0.0, 0.0, 1.0)

ng.links.new(group_in.outputs["Geometry"], xform.inputs["Geometry"])
ng.links.new(xform.outputs["Geometry"], group_out.inputs["Geometry"])
