# title: Render and inspect pixels through a saved image
# shows: Renders a tiny Cycles frame, saves it, reloads it with bpy.data.images.load and reads average brightness from image.pixels using foreach_get.
# tags: render, cycles, image, pixels, foreach_get, load
# blender: 4.2

import os
import tempfile
import bpy

scene = bpy.context.scene
bpy.ops.mesh.primitive_plane_add(size=4)
bpy.ops.object.light_add(type='AREA', location=(0, 0, 2))
bpy.context.object.data.energy = 200
bpy.ops.object.camera_add(location=(0, 0, 5))
scene.camera = bpy.context.object

scene.render.engine = 'CYCLES'
scene.cycles.samples = 2
scene.render.resolution_x = scene.render.resolution_y = 32
path = os.path.join(tempfile.gettempdir(), "bpy_example_pixels.png")
scene.render.filepath = path
bpy.ops.render.render(write_still=True)

# The "Render Result" image has no pixel buffer in background mode; load the file.
img = bpy.data.images.load(path, check_existing=False)
pixels = [0.0] * (img.size[0] * img.size[1] * img.channels)
img.pixels.foreach_get(pixels)
avg = sum(pixels[0::4]) / (len(pixels) / 4)
print("image", tuple(img.size), "average red:", round(avg, 3))
bpy.data.images.remove(img)
