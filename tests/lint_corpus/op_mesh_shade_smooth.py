# mistake: shade_smooth lives in bpy.ops.object, not bpy.ops.mesh (mesh has faces_shade_smooth)
# blender-error: AttributeError at line 9

import bpy

bpy.ops.mesh.primitive_torus_add(major_radius=1.0, minor_radius=0.3)
torus = bpy.context.active_object
torus.select_set(True)
bpy.ops.mesh.shade_smooth()
