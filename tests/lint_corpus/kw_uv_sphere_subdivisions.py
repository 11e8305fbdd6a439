# mistake: primitive_uv_sphere_add has no subdivisions keyword (that is the ico sphere's; UV sphere takes segments/ring_count)
# blender-error: TypeError at line 6

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(radius=1.5, subdivisions=4, location=(0, 0, 1.5))
planet = bpy.context.active_object
planet.name = "Planet"
bpy.ops.object.shade_smooth()
