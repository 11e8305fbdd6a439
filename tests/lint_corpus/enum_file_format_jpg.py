# mistake: the image file format id is 'JPEG', not 'JPG'
# blender-error: TypeError at line 8

import bpy

scene = bpy.context.scene
settings = scene.render.image_settings
settings.file_format = 'JPG'
settings.quality = 90
scene.render.filepath = "//renders/frame_"
