# title: Set a plain world background colour and strength
# shows: Creates a world if the scene has none, enables nodes and sets the Background node's Color and Strength; also sets the viewport world colour.
# tags: world, background, environment, lighting, color
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_monkey_add()   # something to be lit

scene = bpy.context.scene
world = scene.world
if world is None:                      # empty factory scenes have no world
    world = bpy.data.worlds.new("World")
    scene.world = world

world.use_nodes = True
background = world.node_tree.nodes["Background"]
background.inputs["Color"].default_value = (0.05, 0.07, 0.1, 1.0)
background.inputs["Strength"].default_value = 1.5
world.color = (0.05, 0.07, 0.1)       # used by the solid viewport / no-nodes
