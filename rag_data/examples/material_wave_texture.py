# title: Wood-like rings with a Wave Texture
# shows: Configures a Wave Texture (wave_type RINGS, bands direction, distortion) and maps its factor between two colours with a Mix node set to RGBA.
# tags: material, wave texture, wood, mix, procedural
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(scale=(2.0, 0.5, 0.1))
board = bpy.context.object

mat = bpy.data.materials.new("Wood")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links

wave = nodes.new("ShaderNodeTexWave")
wave.wave_type = 'RINGS'
wave.rings_direction = 'Y'
wave.inputs["Scale"].default_value = 3.0
wave.inputs["Distortion"].default_value = 6.0
wave.inputs["Detail"].default_value = 3.0

mix = nodes.new("ShaderNodeMix")
mix.data_type = 'RGBA'                       # colour mixing (A/B are colours)
mix.inputs["A"].default_value = (0.35, 0.18, 0.07, 1.0)
mix.inputs["B"].default_value = (0.6, 0.36, 0.16, 1.0)

links.new(wave.outputs["Fac"], mix.inputs["Factor"])
links.new(mix.outputs["Result"], nodes["Principled BSDF"].inputs["Base Color"])
board.data.materials.append(mat)
