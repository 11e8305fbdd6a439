# mistake: Matrix.Rotation needs (angle, size, axis); the matrix size argument is missing
# blender-error: TypeError at line 12
# category: none

import math

import bpy
from mathutils import Matrix

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
rot = Matrix.Rotation(math.radians(45), 'Z')
obj.matrix_world = rot @ obj.matrix_world
