# mistake: operator is primitive_uv_sphere_add, the _add suffix is missing
# blender-error: AttributeError at line 10

import bpy

bpy.ops.mesh.primitive_plane_add(size=10)
ground = bpy.context.active_object
ground.name = "Ground"

bpy.ops.mesh.primitive_uv_sphere(radius=1.0, location=(0, 0, 1))
ball = bpy.context.active_object
ball.name = "Ball"
