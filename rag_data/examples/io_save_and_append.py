# title: Save a .blend copy and append objects from it
# shows: Writes selected data blocks to a library file with bpy.data.libraries.write, then appends an object from that file using bpy.data.libraries.load (link=False) and links it into the scene.
# tags: io, blend file, append, link, libraries.load, libraries.write, save
# blender: 4.2

import os
import tempfile
import bpy

# Make an object and store it (with its mesh and material) in a library file.
bpy.ops.mesh.primitive_torus_add()
donut = bpy.context.object
donut.name = "Donut"
donut.data.materials.append(bpy.data.materials.new("Icing"))

path = os.path.join(tempfile.gettempdir(), "bpy_example_library.blend")
bpy.data.libraries.write(path, {donut}, fake_user=True)
# (To save the whole session instead: bpy.ops.wm.save_as_mainfile(filepath=path, copy=True).)

# Remove the original so the append is visible.
bpy.data.objects.remove(donut)

# Append: names listed in data_to are loaded when the with-block ends.
with bpy.data.libraries.load(path, link=False) as (data_from, data_to):
    print("objects in file:", data_from.objects)
    data_to.objects = [name for name in data_from.objects if name == "Donut"]

for obj in data_to.objects:
    bpy.context.collection.objects.link(obj)   # appended objects are not in a scene yet
    obj.location.x = 2.0
print("appended:", [o.name for o in bpy.context.scene.objects])
