# title: Aim a camera with mathutils to_track_quat (no constraint)
# shows: Computes the direction from camera to target with Vector math and sets the camera rotation using direction.to_track_quat('-Z', 'Y').to_euler().
# tags: camera, look at, mathutils, quaternion, to_track_quat, rotation
# blender: 4.2

import bpy
from mathutils import Vector

bpy.ops.mesh.primitive_cube_add(location=(1, 2, 0.5))
target = bpy.context.object

bpy.ops.object.camera_add(location=(7, -5, 5))
camera = bpy.context.object
bpy.context.scene.camera = camera


def look_at(obj, point):
    direction = Vector(point) - obj.location
    # Camera looks along -Z with +Y as up.
    obj.rotation_euler = direction.to_track_quat('-Z', 'Y').to_euler()


look_at(camera, target.location)
print("camera rotation:", tuple(round(a, 3) for a in camera.rotation_euler))
