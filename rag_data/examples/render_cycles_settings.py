# title: Configure Cycles for CPU rendering with denoising
# shows: Switches scene.render.engine to 'CYCLES', sets cycles.device, samples, adaptive sampling, denoiser, light bounces, resolution and colour management view transform.
# tags: render, cycles, samples, denoise, cpu, settings, color management
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_monkey_add()

scene = bpy.context.scene
scene.render.engine = 'CYCLES'
scene.cycles.device = 'CPU'                # 'GPU' needs compute devices set in preferences
scene.cycles.samples = 128
scene.cycles.use_adaptive_sampling = True
scene.cycles.adaptive_threshold = 0.02
scene.cycles.use_denoising = True
scene.cycles.denoiser = 'OPENIMAGEDENOISE'
scene.cycles.max_bounces = 8
scene.cycles.transparent_max_bounces = 8

scene.render.resolution_x = 1920
scene.render.resolution_y = 1080
scene.render.resolution_percentage = 50
scene.render.film_transparent = False

scene.view_settings.view_transform = 'AgX'   # default since 4.0 ('Filmic', 'Standard' still exist)
scene.view_settings.look = 'AgX - Punchy'
scene.view_settings.exposure = 0.0
