# title: Vector math for placing geometry (dot, cross, lerp, projection)
# shows: Uses mathutils Vector arithmetic, length, normalized, dot, cross, lerp, angle and reflect to place objects on a circle and orient a plane.
# tags: mathutils, vector, dot, cross, lerp, normalize, geometry
# blender: 4.2

import math
import bpy
from mathutils import Vector

a = Vector((1.0, 0.0, 0.0))
b = Vector((0.0, 1.0, 1.0))
print("length:", round(b.length, 3), "normalized:", b.normalized())
print("dot:", a.dot(b), "cross:", a.cross(b))
print("angle (deg):", round(math.degrees(a.angle(b)), 1))
print("reflect b on XY plane:", b.reflect(Vector((0, 0, 1))))

# Place spheres along a line with lerp and on a circle with trig.
start, end = Vector((-3, -2, 0)), Vector((3, -2, 2))
for i in range(5):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.2, location=start.lerp(end, i / 4))
for i in range(8):
    angle = 2 * math.pi * i / 8
    pos = Vector((math.cos(angle), math.sin(angle), 0)) * 2.0
    bpy.ops.mesh.primitive_cube_add(size=0.3, location=pos)

# Orient a plane so its normal follows the cross product of two edges.
normal = (end - start).cross(Vector((0, 1, 0))).normalized()
bpy.ops.mesh.primitive_plane_add(size=1.0, location=(0, 2, 1))
bpy.context.object.rotation_euler = normal.to_track_quat('Z', 'Y').to_euler()
