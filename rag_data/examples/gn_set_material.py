# title: Assign materials inside geometry nodes with Set Material
# shows: Creates two Principled materials and uses Set Material nodes to colour a generated cylinder body and its cap separately via the Top selection output.
# tags: geometry nodes, set material, material, selection, cylinder
# blender: 4.2

import bpy


def make_material(name, color):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    return mat


body_mat = make_material("Body", (0.8, 0.2, 0.1, 1.0))
cap_mat = make_material("Cap", (0.9, 0.9, 0.9, 1.0))

host = bpy.data.objects.new("Can", bpy.data.meshes.new("Can"))
bpy.context.collection.objects.link(host)

tree = bpy.data.node_groups.new("CanNodes", 'GeometryNodeTree')
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
n, l = tree.nodes, tree.links

cyl = n.new("GeometryNodeMeshCylinder")
cyl.inputs["Vertices"].default_value = 32
set_body = n.new("GeometryNodeSetMaterial")
set_body.inputs["Material"].default_value = body_mat
set_cap = n.new("GeometryNodeSetMaterial")
set_cap.inputs["Material"].default_value = cap_mat
gout = n.new("NodeGroupOutput")

l.new(cyl.outputs["Mesh"], set_body.inputs["Geometry"])
l.new(set_body.outputs["Geometry"], set_cap.inputs["Geometry"])
l.new(cyl.outputs["Top"], set_cap.inputs["Selection"])  # only the top cap
l.new(set_cap.outputs["Geometry"], gout.inputs["Geometry"])

host.modifiers.new("Can", 'NODES').node_group = tree
