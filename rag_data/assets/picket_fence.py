# title: Picket fence built with geometry nodes
# shows: Generates a fence procedurally in a node group: Mesh Line points, a pointed picket (cube + cone joined) instanced on them, two rails, Realize Instances and Set Material; the length/spacing are exposed as modifier inputs.
# tags: asset, fence, geometry nodes, instance on points, mesh line, procedural, modifier inputs
# blender: 4.2
# params: length=4.0, spacing=0.15, picket_height=1.0, picket_width=0.08, color=(0.95, 0.95, 0.92, 1.0), location=(0, 0, 0)

import bpy


def build(length=4.0, spacing=0.15, picket_height=1.0, picket_width=0.08,
          color=(0.95, 0.95, 0.92, 1.0), location=(0, 0, 0)):
    paint = bpy.data.materials.new("FencePaint")
    paint.use_nodes = True
    paint.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    paint.diffuse_color = color

    tree = bpy.data.node_groups.new("PicketFence", 'GeometryNodeTree')
    iface = tree.interface
    iface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
    s_len = iface.new_socket("Length", in_out='INPUT', socket_type='NodeSocketFloat')
    s_gap = iface.new_socket("Spacing", in_out='INPUT', socket_type='NodeSocketFloat')
    s_len.default_value, s_gap.default_value = length, spacing
    s_gap.min_value = 0.02

    n, l = tree.nodes, tree.links
    gin, gout = n.new("NodeGroupInput"), n.new("NodeGroupOutput")

    # Points along X: Mesh Line in END_POINTS mode with count = length / spacing.
    count = n.new("ShaderNodeMath")
    count.operation = 'DIVIDE'
    l.new(gin.outputs["Length"], count.inputs[0])
    l.new(gin.outputs["Spacing"], count.inputs[1])
    line = n.new("GeometryNodeMeshLine")
    line.mode = 'END_POINTS'
    line.inputs["Start Location"].default_value = (0, 0, 0)
    end = n.new("ShaderNodeCombineXYZ")
    l.new(gin.outputs["Length"], end.inputs["X"])
    l.new(count.outputs["Value"], line.inputs["Count"])
    l.new(end.outputs["Vector"], line.inputs["Offset"])

    # Picket = board + pointed cap (4-sided cone rotated 45 degrees).
    board = n.new("GeometryNodeMeshCube")
    board.inputs["Size"].default_value = (picket_width, 0.02, picket_height)
    lift = n.new("GeometryNodeTransform")
    lift.inputs["Translation"].default_value = (0, 0, picket_height / 2)
    cap = n.new("GeometryNodeMeshCone")
    cap.inputs["Vertices"].default_value = 4
    cap.inputs["Radius Bottom"].default_value = picket_width * 0.707
    cap.inputs["Depth"].default_value = picket_width * 0.8
    place = n.new("GeometryNodeTransform")
    place.inputs["Translation"].default_value = (0, 0, picket_height + picket_width * 0.4)
    place.inputs["Rotation"].default_value = (0, 0, 0.7854)
    place.inputs["Scale"].default_value = (1, 0.25, 1)
    picket = n.new("GeometryNodeJoinGeometry")
    l.new(board.outputs["Mesh"], lift.inputs["Geometry"])
    l.new(cap.outputs["Mesh"], place.inputs["Geometry"])
    l.new(lift.outputs["Geometry"], picket.inputs["Geometry"])
    l.new(place.outputs["Geometry"], picket.inputs["Geometry"])

    inst = n.new("GeometryNodeInstanceOnPoints")
    l.new(line.outputs["Mesh"], inst.inputs["Points"])
    l.new(picket.outputs["Geometry"], inst.inputs["Instance"])
    realize = n.new("GeometryNodeRealizeInstances")
    l.new(inst.outputs["Instances"], realize.inputs["Geometry"])

    # Two horizontal rails behind the pickets.
    join = n.new("GeometryNodeJoinGeometry")
    l.new(realize.outputs["Geometry"], join.inputs["Geometry"])
    half = n.new("ShaderNodeMath")
    half.operation = 'MULTIPLY'
    half.inputs[1].default_value = 0.5
    l.new(gin.outputs["Length"], half.inputs[0])
    for z in (0.25, 0.75):
        rail = n.new("GeometryNodeMeshCube")
        size = n.new("ShaderNodeCombineXYZ")
        size.inputs["Y"].default_value = 0.03
        size.inputs["Z"].default_value = 0.06
        l.new(gin.outputs["Length"], size.inputs["X"])
        l.new(size.outputs["Vector"], rail.inputs["Size"])
        pos = n.new("ShaderNodeCombineXYZ")
        pos.inputs["Y"].default_value = 0.025
        pos.inputs["Z"].default_value = picket_height * z
        l.new(half.outputs["Value"], pos.inputs["X"])
        move = n.new("GeometryNodeTransform")
        l.new(rail.outputs["Mesh"], move.inputs["Geometry"])
        l.new(pos.outputs["Vector"], move.inputs["Translation"])
        l.new(move.outputs["Geometry"], join.inputs["Geometry"])

    set_mat = n.new("GeometryNodeSetMaterial")
    set_mat.inputs["Material"].default_value = paint
    l.new(join.outputs["Geometry"], set_mat.inputs["Geometry"])
    l.new(set_mat.outputs["Geometry"], gout.inputs["Geometry"])

    fence = bpy.data.objects.new("PicketFence", bpy.data.meshes.new("PicketFence"))
    fence.location = location
    bpy.context.collection.objects.link(fence)
    mod = fence.modifiers.new("Fence", 'NODES')
    mod.node_group = tree
    mod[s_len.identifier] = length
    mod[s_gap.identifier] = spacing
    return fence


if __name__ == "__main__":
    build()
