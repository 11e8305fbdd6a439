# title: Frame all objects by computing a bounding box for the camera
# shows: Collects world-space bound_box corners of every mesh, computes the centre and radius, and backs the camera off far enough for its field of view (cam.data.angle).
# tags: camera, framing, bounding box, bound_box, matrix_world, fov
# blender: 4.2

import math
import bpy
from mathutils import Vector

# A few scattered objects to frame.
bpy.ops.mesh.primitive_cube_add(location=(-2, 0, 0.5))
bpy.ops.mesh.primitive_uv_sphere_add(location=(3, 2, 1))
bpy.ops.mesh.primitive_cone_add(location=(0, -3, 1))

corners = [obj.matrix_world @ Vector(c)
           for obj in bpy.context.scene.objects if obj.type == 'MESH'
           for c in obj.bound_box]
lo = Vector(map(min, zip(*corners)))
hi = Vector(map(max, zip(*corners)))
center = (lo + hi) / 2
radius = (hi - lo).length / 2

bpy.ops.object.camera_add()
cam = bpy.context.object
bpy.context.scene.camera = cam
cam.data.lens = 35

# Distance so a sphere of `radius` fits inside the narrower view angle.
# With sensor_fit 'AUTO', cam.data.angle spans the longer image side.
render = bpy.context.scene.render
aspect = render.resolution_x / render.resolution_y
wide = cam.data.angle
narrow = 2 * math.atan(math.tan(wide / 2) / max(aspect, 1 / aspect))
fov = min(wide, narrow)
distance = radius / math.sin(fov / 2)
view_dir = Vector((1, -1, 0.8)).normalized()
cam.location = center + view_dir * distance
cam.rotation_euler = (-view_dir).to_track_quat('-Z', 'Y').to_euler()
cam.data.clip_end = distance * 4
print("camera distance:", round(distance, 2))
