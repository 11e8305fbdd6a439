# mistake: SceneEEVEE.use_ssr was removed in Blender 4.2 (EEVEE Next ray tracing: use_raytracing)
# blender-error: AttributeError at line 8

import bpy

eevee = bpy.context.scene.eevee
eevee.taa_render_samples = 128
eevee.use_ssr = True
eevee.use_gtao = True
