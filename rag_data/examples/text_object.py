# title: Add a 3D text object and style it
# shows: Creates a FONT curve with bpy.data.curves.new, sets body, size, alignment, extrude and bevel depth, and converts the evaluated text to a mesh.
# tags: text, font, curve, extrude, bevel, 3d text
# blender: 4.2

import bpy

text_data = bpy.data.curves.new(name="Title", type='FONT')
text_data.body = "Hello\nBlender"
text_data.size = 1.0
text_data.align_x = 'CENTER'
text_data.align_y = 'CENTER'
text_data.space_line = 1.1
text_data.extrude = 0.1       # depth of the letters
text_data.bevel_depth = 0.02  # rounded letter edges
text_data.bevel_resolution = 2

title = bpy.data.objects.new("Title", text_data)
bpy.context.collection.objects.link(title)

# Evaluated text can be turned into a mesh (e.g. for export).
depsgraph = bpy.context.evaluated_depsgraph_get()
mesh = bpy.data.meshes.new_from_object(title.evaluated_get(depsgraph))
print("text mesh faces:", len(mesh.polygons))
