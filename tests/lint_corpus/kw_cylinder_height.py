# mistake: primitive_cylinder_add takes depth, not height
# blender-error: TypeError at line 12

import bpy

# A simple table: top and four legs
bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 1))
top = bpy.context.active_object
top.scale = (2.0, 1.0, 0.05)

for x, y in [(-0.9, -0.4), (0.9, -0.4), (-0.9, 0.4), (0.9, 0.4)]:
    bpy.ops.mesh.primitive_cylinder_add(radius=0.05, height=1.0, location=(x, y, 0.5))
