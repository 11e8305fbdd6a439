# mistake: 'EEVEE' is not a render engine id (Blender 4.4: 'BLENDER_EEVEE_NEXT')
# blender-error: TypeError at line 7

import bpy

scene = bpy.context.scene
scene.render.engine = 'EEVEE'
scene.render.resolution_x = 1920
scene.render.resolution_y = 1080
