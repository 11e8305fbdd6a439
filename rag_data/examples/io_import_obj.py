# title: Import an OBJ file and find the imported objects
# shows: Writes a small OBJ file, imports it with bpy.ops.wm.obj_import (axis options), and identifies the new objects by comparing scene objects before and after (or context.selected_objects).
# tags: import, obj, io, wm.obj_import, selected_objects
# blender: 4.2

import os
import tempfile
import bpy

# A tiny OBJ written by hand: a square pyramid.
path = os.path.join(tempfile.gettempdir(), "bpy_example_pyramid.obj")
with open(path, "w") as fh:
    fh.write("o Pyramid\n")
    fh.write("v -1 -1 0\nv 1 -1 0\nv 1 1 0\nv -1 1 0\nv 0 0 1.5\n")
    fh.write("f 1 4 3 2\nf 1 2 5\nf 2 3 5\nf 3 4 5\nf 4 1 5\n")

before = set(bpy.context.scene.objects)
# The file uses Z up, so tell the importer (default is Y up / -Z forward).
bpy.ops.wm.obj_import(filepath=path, forward_axis='Y', up_axis='Z')
new_objects = [o for o in bpy.context.scene.objects if o not in before]

# Imported objects are also left selected.
print("imported:", [o.name for o in new_objects], [o.name for o in bpy.context.selected_objects])
pyramid = new_objects[0]
print("vertices:", len(pyramid.data.vertices), "height:", round(pyramid.dimensions.z, 2))
