# title: Fast preview renders with the Workbench engine
# shows: Uses BLENDER_WORKBENCH with scene.display.shading (light STUDIO, color_type MATERIAL/OBJECT, cavity, outline) for quick clay renders.
# tags: render, workbench, preview, shading, clay, cavity
# blender: 4.2

import bpy

for i in range(3):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.6, location=(i * 1.5, 0, 0))
    bpy.context.object.color = (0.2 + 0.3 * i, 0.5, 0.8 - 0.3 * i, 1.0)

scene = bpy.context.scene
scene.render.engine = 'BLENDER_WORKBENCH'
shading = scene.display.shading
shading.light = 'STUDIO'
shading.color_type = 'OBJECT'   # use obj.color; 'MATERIAL' uses diffuse_color
shading.show_cavity = True
shading.cavity_type = 'WORLD'
shading.show_object_outline = True
scene.display.render_aa = '8'
