# mistake: Material.diffuse_color is RGBA (4 values); an RGB triple raises ValueError
# blender-error: ValueError at line 10
# category: none

import bpy

bpy.ops.mesh.primitive_plane_add(size=4)
floor = bpy.context.active_object
mat = bpy.data.materials.new("FloorViewport")
mat.diffuse_color = (0.3, 0.3, 0.3)
floor.data.materials.append(mat)
