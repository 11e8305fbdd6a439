# mistake: SceneEEVEE.use_bloom was removed in Blender 4.2 (bloom is a compositor Glare node now)
# blender-error: AttributeError at line 8

import bpy

scene = bpy.context.scene
scene.render.engine = 'BLENDER_EEVEE_NEXT'
scene.eevee.use_bloom = True
scene.eevee.taa_render_samples = 64
