# title: Orthographic camera and depth of field settings
# shows: Creates one orthographic camera (type ORTHO, ortho_scale) and one perspective camera with depth of field (dof.use_dof, focus_object, aperture_fstop).
# tags: camera, orthographic, depth of field, dof, focus, aperture
# blender: 4.2

import math
import bpy

for i in range(5):
    bpy.ops.mesh.primitive_cylinder_add(radius=0.3, depth=1.0, location=(0, i * 2.0, 0.5))
focus_target = bpy.context.scene.objects[2]

# Orthographic top view.
ortho = bpy.data.cameras.new("TopView")
ortho.type = 'ORTHO'
ortho.ortho_scale = 12.0   # width of the view in scene units
top = bpy.data.objects.new("TopView", ortho)
top.location = (0, 4, 10)
bpy.context.collection.objects.link(top)

# Perspective camera with shallow depth of field.
persp = bpy.data.cameras.new("Closeup")
persp.lens = 85
persp.dof.use_dof = True
persp.dof.focus_object = focus_target
persp.dof.aperture_fstop = 1.4
closeup = bpy.data.objects.new("Closeup", persp)
closeup.location = (4, -3, 1.2)
closeup.rotation_euler = (math.radians(85), 0, math.radians(35))
bpy.context.collection.objects.link(closeup)

bpy.context.scene.camera = closeup
