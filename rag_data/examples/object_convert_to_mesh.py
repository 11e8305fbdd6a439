# title: Convert curves and text into mesh objects
# shows: Uses bpy.ops.object.convert(target='MESH') on a selected text object, and the data-API alternative (new_from_object on the evaluated curve) that keeps the original.
# tags: convert, curve to mesh, text to mesh, object.convert, new_from_object
# blender: 4.2

import bpy

# Operator: converts the selected objects in place.
bpy.ops.object.text_add()
text = bpy.context.object
text.data.body = "MESH"
text.data.extrude = 0.05
bpy.ops.object.convert(target='MESH')     # acts on selected objects
print("text is now:", text.type, len(text.data.vertices), "verts")

# Data API: build a new mesh object from the evaluated curve; original stays.
bpy.ops.curve.primitive_bezier_circle_add(radius=1.0, location=(0, 3, 0))
ring = bpy.context.object
ring.data.bevel_depth = 0.1
depsgraph = bpy.context.evaluated_depsgraph_get()
mesh = bpy.data.meshes.new_from_object(ring.evaluated_get(depsgraph))
ring_mesh = bpy.data.objects.new("RingMesh", mesh)
ring_mesh.matrix_world = ring.matrix_world
bpy.context.collection.objects.link(ring_mesh)
ring.hide_set(True)
print("ring mesh:", len(mesh.vertices), "verts")
