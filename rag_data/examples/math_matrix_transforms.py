# title: Build object transforms with mathutils Matrix
# shows: Composes translation, rotation and scale matrices (Matrix.Translation, Matrix.Rotation, Matrix.Diagonal / LocRotScale), assigns matrix_world and decomposes it back.
# tags: mathutils, matrix, transform, matrix_world, decompose, LocRotScale
# blender: 4.2

import math
import bpy
from mathutils import Matrix, Vector, Euler

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.object

T = Matrix.Translation((2.0, 0.0, 1.0))
R = Matrix.Rotation(math.radians(45), 4, 'Z')      # 4x4 rotation about Z
S = Matrix.Diagonal((1.0, 2.0, 0.5, 1.0))            # non-uniform scale
cube.matrix_world = T @ R @ S                         # scale, then rotate, then move

loc, rot, scale = cube.matrix_world.decompose()       # Vector, Quaternion, Vector
print("loc", tuple(round(v, 3) for v in loc))
print("rot (deg)", [round(math.degrees(a), 1) for a in rot.to_euler()])
print("scale", tuple(round(v, 3) for v in scale))

# Same transform in one call.
M = Matrix.LocRotScale(Vector((-2, 0, 1)), Euler((0, 0, math.radians(45))), Vector((1, 2, 0.5)))
bpy.ops.mesh.primitive_cube_add()
bpy.context.object.matrix_world = M

# Transform a local point into world space and back.
corner_world = cube.matrix_world @ Vector((1, 1, 1))
corner_local = cube.matrix_world.inverted() @ corner_world
print("corner world:", tuple(round(v, 3) for v in corner_world), "local:", tuple(round(v, 3) for v in corner_local))
