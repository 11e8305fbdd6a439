# mistake: 'BLENDER_EEVEE' is the engine id of Blender <= 4.1 and 5.0; in 4.2-4.4 it is 'BLENDER_EEVEE_NEXT'
# blender-error: TypeError at line 8

import bpy


def setup_render(scene, samples=64):
    scene.render.engine = 'BLENDER_EEVEE'
    scene.eevee.taa_render_samples = samples
    scene.render.film_transparent = True


setup_render(bpy.context.scene)
