# title: Paint vertex colours and use them in a material
# shows: Adds a colour attribute with mesh.color_attributes.new (FLOAT_COLOR on CORNER), fills it per loop, and reads it in a shader with a Color Attribute node.
# tags: material, vertex color, color attributes, attribute node, loops
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)
obj = bpy.context.object
mesh = obj.data

# Corner-domain colours allow hard colour changes between faces.
col = mesh.color_attributes.new(name="Paint", type='FLOAT_COLOR', domain='CORNER')
for loop in mesh.loops:
    z = mesh.vertices[loop.vertex_index].co.z
    t = (z + 1.0) / 2.0  # 0 at the bottom, 1 at the top
    col.data[loop.index].color = (t, 0.2, 1.0 - t, 1.0)
mesh.color_attributes.active_color = col

mat = bpy.data.materials.new("VertexPaint")
mat.use_nodes = True
nodes = mat.node_tree.nodes
attr = nodes.new("ShaderNodeVertexColor")   # "Color Attribute" node
attr.layer_name = "Paint"
mat.node_tree.links.new(attr.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
mesh.materials.append(mat)
