# title: Make text follow a curve path
# shows: Sets a text object's follow_curve to a Bezier circle so the letters wrap around it.
# tags: text, follow curve, path, circle, layout
# blender: 4.2

import bpy

bpy.ops.curve.primitive_bezier_circle_add(radius=2.0)
circle = bpy.context.object
circle.name = "TextPath"

text = bpy.data.curves.new("RingText", type='FONT')
text.body = "AROUND AND AROUND WE GO"
text.size = 0.5
text.extrude = 0.05
text.follow_curve = circle      # letters are placed along the path

ring_text = bpy.data.objects.new("RingText", text)
bpy.context.collection.objects.link(ring_text)
