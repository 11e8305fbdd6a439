# title: Point a camera at an object with a Track To constraint
# shows: Creates a camera, makes it the scene camera, sets focal length and aims it at a target empty with a TRACK_TO constraint.
# tags: camera, track to, constraint, look at, scene.camera, lens
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_torus_add(location=(0, 0, 0.5))

# An empty is a handy, movable aim point.
target = bpy.data.objects.new("CameraTarget", None)
target.location = (0, 0, 0.5)
bpy.context.collection.objects.link(target)

cam_data = bpy.data.cameras.new("Camera")
cam_data.lens = 50          # mm
cam_data.clip_end = 500
camera = bpy.data.objects.new("Camera", cam_data)
camera.location = (6, -6, 4)
bpy.context.collection.objects.link(camera)
bpy.context.scene.camera = camera

look = camera.constraints.new('TRACK_TO')
look.target = target
look.track_axis = 'TRACK_NEGATIVE_Z'   # cameras look down -Z
look.up_axis = 'UP_Y'
