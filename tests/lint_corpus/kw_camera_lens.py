# mistake: camera_add has no lens keyword; the focal length is camera.data.lens
# blender-error: TypeError at line 9

import math

import bpy

scene = bpy.context.scene
bpy.ops.object.camera_add(location=(7, -7, 5), rotation=(math.radians(63), 0, math.radians(45)), lens=50)
scene.camera = bpy.context.active_object
