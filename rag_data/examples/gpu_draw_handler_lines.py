# title: Draw overlay lines in the 3D viewport with gpu and a draw handler
# shows: Builds a line batch with gpu.shader.from_builtin('UNIFORM_COLOR') and gpu_extras.batch.batch_for_shader(shader, 'LINES', {"pos": coords}), draws it with gpu.state blend/line width inside a callback added by bpy.types.SpaceView3D.draw_handler_add(fn, args, 'WINDOW', 'POST_VIEW'), tags viewports for redraw, and removes the handler; nothing is drawn in background mode.
# tags: gpu, gpu_extras, batch_for_shader, draw_handler_add, SpaceView3D, overlay, shader, POST_VIEW
# blender: 4.2

import bpy
import gpu
from gpu_extras.batch import batch_for_shader


def draw_normals(obj_name, length):
    """Runs inside the viewport's draw loop; must only draw, never change scene data."""
    obj = bpy.data.objects.get(obj_name)
    if obj is None or obj.type != 'MESH':
        return
    mw = obj.matrix_world
    normal_mat = mw.to_3x3().inverted_safe().transposed()
    coords = []
    for poly in obj.data.polygons:
        start = mw @ poly.center
        coords += [start, start + (normal_mat @ poly.normal).normalized() * length]

    # 'UNIFORM_COLOR' works in 3D and 2D since Blender 4.0 (the '3D_UNIFORM_COLOR' name was removed).
    shader = gpu.shader.from_builtin('UNIFORM_COLOR')
    batch = batch_for_shader(shader, 'LINES', {"pos": coords})
    gpu.state.blend_set('ALPHA')
    gpu.state.line_width_set(2.0)
    shader.uniform_float("color", (1.0, 0.6, 0.0, 0.8))
    batch.draw(shader)
    gpu.state.line_width_set(1.0)
    gpu.state.blend_set('NONE')


def tag_viewports():
    wm = bpy.context.window_manager
    for window in wm.windows:
        for area in window.screen.areas:
            if area.type == 'VIEW_3D':
                area.tag_redraw()


bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2)
target = bpy.context.object

# 'WINDOW' region, 'POST_VIEW' = in 3D space after the scene (use 'POST_PIXEL' for 2D text/HUD).
handle = bpy.types.SpaceView3D.draw_handler_add(draw_normals, (target.name, 0.3), 'WINDOW', 'POST_VIEW')
tag_viewports()
print("draw handler added; drawing happens only with a UI:", not bpy.app.background)

# Keep `handle` (e.g. in a module-level dict) and remove it in unregister().
bpy.types.SpaceView3D.draw_handler_remove(handle, 'WINDOW')
