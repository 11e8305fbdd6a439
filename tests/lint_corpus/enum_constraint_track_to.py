# mistake: the constraint type is 'TRACK_TO', not 'TRACK_TO_CONSTRAINT'
# blender-error: TypeError at line 11

import bpy

bpy.ops.object.empty_add(location=(0, 0, 1))
target = bpy.context.active_object

bpy.ops.object.camera_add(location=(6, -6, 4))
cam = bpy.context.active_object
track = cam.constraints.new(type='TRACK_TO_CONSTRAINT')
track.target = target
track.track_axis = 'TRACK_NEGATIVE_Z'
track.up_axis = 'UP_Y'
