# mistake: operator name misspelt: primitive_cube_ad instead of primitive_cube_add
# blender-error: AttributeError at line 8

import bpy

# Build a row of cubes along X
for i in range(5):
    bpy.ops.mesh.primitive_cube_ad(size=1.0, location=(i * 2.5, 0, 0))
    cube = bpy.context.active_object
    cube.name = f"Block_{i}"
