# title: Render a still image to a PNG file with Cycles
# shows: Sets up camera, light, tiny resolution and sample count, picks the output format with image_settings and writes the image with bpy.ops.render.render(write_still=True).
# tags: render, cycles, output, png, write_still, image_settings
# blender: 4.2

import os
import tempfile
import bpy

scene = bpy.context.scene

bpy.ops.mesh.primitive_monkey_add(location=(0, 0, 0))
bpy.ops.object.light_add(type='SUN', location=(0, 0, 5))
bpy.context.object.data.energy = 3.0
bpy.ops.object.camera_add(location=(0, -4, 0.5), rotation=(1.45, 0, 0))
scene.camera = bpy.context.object

scene.render.engine = 'CYCLES'
scene.cycles.device = 'CPU'
scene.cycles.samples = 4            # tiny, just to prove the pipeline
scene.cycles.use_denoising = False
scene.render.resolution_x = 64
scene.render.resolution_y = 48
scene.render.resolution_percentage = 100

scene.render.image_settings.file_format = 'PNG'
scene.render.image_settings.color_mode = 'RGBA'
scene.render.film_transparent = True
scene.render.filepath = os.path.join(tempfile.gettempdir(), "bpy_example_render.png")

bpy.ops.render.render(write_still=True)
print("wrote", scene.render.filepath, os.path.getsize(scene.render.filepath), "bytes")
