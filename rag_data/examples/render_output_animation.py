# title: Set up frame range and video/image sequence output
# shows: Sets frame_start/frame_end/fps, chooses FFMPEG output with container and codec (or PNG sequence) and an output path with #### frame padding.
# tags: render, animation, output, ffmpeg, frame range, fps
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()

scene = bpy.context.scene
scene.frame_start = 1
scene.frame_end = 120
scene.render.fps = 24
scene.render.fps_base = 1.0

# Movie output.
render = scene.render
render.image_settings.file_format = 'FFMPEG'
render.ffmpeg.format = 'MPEG4'
render.ffmpeg.codec = 'H264'
render.ffmpeg.constant_rate_factor = 'MEDIUM'
render.filepath = "//render/spin_"

# Or an image sequence: '#' characters become the zero-padded frame number.
render.image_settings.file_format = 'PNG'
render.filepath = "//render/frame_####"
print("first frame file:", render.frame_path(frame=scene.frame_start))
