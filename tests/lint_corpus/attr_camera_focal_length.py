# mistake: the camera focal length is Camera.lens; focal_length does not exist
# blender-error: AttributeError at line 7

import bpy

cam_data = bpy.data.cameras.new("ShotCam")
cam_data.focal_length = 85
cam_data.dof.use_dof = True

cam = bpy.data.objects.new("ShotCam", cam_data)
bpy.context.collection.objects.link(cam)
bpy.context.scene.camera = cam
