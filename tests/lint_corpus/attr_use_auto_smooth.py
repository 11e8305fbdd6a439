# mistake: Mesh.use_auto_smooth was removed in Blender 4.1 (use bpy.ops.object.shade_auto_smooth or a Smooth by Angle modifier)
# blender-error: AttributeError at line 11

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=64)
obj = bpy.context.active_object
bpy.ops.object.shade_smooth()

mesh = obj.data
mesh.use_auto_smooth = True
print(f"{mesh.name}: {len(mesh.polygons)} faces, smooth shading on")
