# title: Brick wall material with the Brick Texture node
# shows: Sets the colours, mortar size, brick width and row height of a Brick Texture and uses its Fac for a bump so the mortar lines are recessed.
# tags: material, brick texture, bump, procedural, wall
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=4.0, rotation=(1.5708, 0, 0))
wall = bpy.context.object

mat = bpy.data.materials.new("Bricks")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
bsdf = nodes["Principled BSDF"]

bricks = nodes.new("ShaderNodeTexBrick")
bricks.inputs["Color1"].default_value = (0.5, 0.15, 0.08, 1.0)
bricks.inputs["Color2"].default_value = (0.35, 0.1, 0.05, 1.0)
bricks.inputs["Mortar"].default_value = (0.7, 0.7, 0.65, 1.0)
bricks.inputs["Scale"].default_value = 6.0
bricks.inputs["Mortar Size"].default_value = 0.02
bricks.inputs["Brick Width"].default_value = 0.5
bricks.inputs["Row Height"].default_value = 0.25
bricks.offset = 0.5          # half-brick offset on alternate rows

bump = nodes.new("ShaderNodeBump")
bump.inputs["Strength"].default_value = 0.5

links.new(bricks.outputs["Color"], bsdf.inputs["Base Color"])
links.new(bricks.outputs["Fac"], bump.inputs["Height"])
links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
wall.data.materials.append(mat)
