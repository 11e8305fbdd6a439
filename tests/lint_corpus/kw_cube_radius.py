# mistake: primitive_cube_add has no radius keyword (it takes size)
# blender-error: TypeError at line 6

import bpy

bpy.ops.mesh.primitive_cube_add(radius=2, location=(0, 0, 0))
cube = bpy.context.active_object
cube.name = "BigCube"
