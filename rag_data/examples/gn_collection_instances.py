# title: Instance a random object from a collection on points
# shows: Puts several shapes in a hidden collection and uses Collection Info (separate children) with Instance on Points and Pick Instance to scatter them randomly.
# tags: geometry nodes, collection info, pick instance, instances, collection
# blender: 4.2

import bpy

# Source collection with three shapes, excluded from the view layer.
parts = bpy.data.collections.new("Parts")
bpy.context.scene.collection.children.link(parts)
bpy.ops.mesh.primitive_cube_add(size=0.3)
bpy.ops.mesh.primitive_ico_sphere_add(radius=0.2)
bpy.ops.mesh.primitive_cone_add(radius1=0.2, depth=0.4)
for obj in list(bpy.context.scene.objects):
    # Move each object from the scene collection into "Parts".
    for coll in obj.users_collection:
        coll.objects.unlink(obj)
    parts.objects.link(obj)
bpy.context.view_layer.layer_collection.children["Parts"].exclude = True

bpy.ops.mesh.primitive_grid_add(x_subdivisions=6, y_subdivisions=6, size=4)
grid = bpy.context.object

tree = bpy.data.node_groups.new("MixedScatter", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links
gin, gout = n.new("NodeGroupInput"), n.new("NodeGroupOutput")

info = n.new("GeometryNodeCollectionInfo")
info.inputs["Collection"].default_value = parts
info.inputs["Separate Children"].default_value = True
info.inputs["Reset Children"].default_value = True

pick = n.new("FunctionNodeRandomValue")
pick.data_type = 'INT'
pick.inputs["Min"].default_value = 0     # 4.4: name lookup finds the enabled INT socket (inputs[4])
pick.inputs["Max"].default_value = 2

inst = n.new("GeometryNodeInstanceOnPoints")
inst.inputs["Pick Instance"].default_value = True

l.new(gin.outputs["Geometry"], inst.inputs["Points"])
l.new(info.outputs["Instances"], inst.inputs["Instance"])
l.new(pick.outputs["Value"], inst.inputs["Instance Index"])
l.new(inst.outputs["Instances"], gout.inputs["Geometry"])
grid.modifiers.new("MixedScatter", 'NODES').node_group = tree
