# mistake: the Background node's input is "Color"; "Colour" does not exist
# blender-error: KeyError at line 10

import bpy

world = bpy.data.worlds.new("Sky")
bpy.context.scene.world = world
world.use_nodes = True
bg = world.node_tree.nodes["Background"]
bg.inputs["Colour"].default_value = (0.05, 0.07, 0.12, 1.0)
bg.inputs["Strength"].default_value = 0.8
