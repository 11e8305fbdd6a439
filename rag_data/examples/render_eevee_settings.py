# title: Configure EEVEE (EEVEE Next) render settings in 4.2+
# shows: Sets scene.render.engine to 'BLENDER_EEVEE_NEXT' (the id used in 4.2-4.5), TAA render samples, ray tracing, shadows and fast GI options on scene.eevee.
# tags: render, eevee, eevee next, samples, raytracing, shadows
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add()

scene = bpy.context.scene
# 4.2-4.5 name; 'BLENDER_EEVEE' is the pre-4.2 (and 5.0) identifier.
scene.render.engine = 'BLENDER_EEVEE_NEXT'

eevee = scene.eevee
eevee.taa_render_samples = 64      # final render samples
eevee.taa_samples = 16             # viewport samples
eevee.use_raytracing = True        # screen-space reflections/refraction
eevee.ray_tracing_method = 'SCREEN'
eevee.use_shadows = True
eevee.shadow_ray_count = 2
eevee.use_fast_gi = True           # horizon scan approximation
eevee.volumetric_samples = 32
# Removed in EEVEE Next: use_bloom (use the compositor Glare node), use_ssr,
# use_soft_shadows, shadow_cube_size; motion blur moved to scene.render.use_motion_blur.
scene.render.use_motion_blur = False
