# title: Add text with the operator and change its content
# shows: Uses bpy.ops.object.text_add, edits obj.data.body, rotates it upright, applies a material, and sets character formatting with body_format.
# tags: text, text_add, body, body_format, font, material
# blender: 4.2

import math
import bpy

bpy.ops.object.text_add(location=(0, 0, 0))
label = bpy.context.object
label.name = "Label"
label.data.body = "Score: 42"
label.data.extrude = 0.05
label.rotation_euler.x = math.radians(90)   # stand the text up

# Per-character formatting: underline just the number.
for ch in label.data.body_format[7:]:
    ch.use_underline = True

mat = bpy.data.materials.new("Gold")
mat.use_nodes = True
mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = (1.0, 0.7, 0.2, 1.0)
mat.node_tree.nodes["Principled BSDF"].inputs["Metallic"].default_value = 1.0
label.data.materials.append(mat)
