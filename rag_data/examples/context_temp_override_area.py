# title: Run a 3D-viewport operator from a script with context.temp_override
# shows: Finds the VIEW_3D area and its WINDOW region in context.screen.areas, passes them to bpy.context.temp_override(area=..., region=...) so view3d.* operators pass their poll, snaps the 3D cursor to the selection and adds a mesh there; without the override the poll fails.
# tags: context, temp_override, area, region, VIEW_3D, operator, poll, snap_cursor_to_selected
# blender: 4.2

import bpy


def find_view3d(context):
    for window in context.window_manager.windows:
        for area in window.screen.areas:
            if area.type == 'VIEW_3D':
                region = next(r for r in area.regions if r.type == 'WINDOW')
                return window, area, region
    return None, None, None


bpy.ops.mesh.primitive_cube_add(location=(2.0, 1.0, 0.0))
bpy.ops.mesh.primitive_cube_add(location=(4.0, 3.0, 0.0))
bpy.ops.object.select_all(action='SELECT')

print("poll without override:", bpy.ops.view3d.snap_cursor_to_selected.poll())

window, area, region = find_view3d(bpy.context)
if area is not None:
    # Only for the duration of the with-block, context.area / context.region are these.
    with bpy.context.temp_override(window=window, area=area, region=region):
        print("poll with override:", bpy.ops.view3d.snap_cursor_to_selected.poll())
        bpy.ops.view3d.snap_cursor_to_selected()    # cursor to the median of the selection
        bpy.ops.view3d.view_selected()              # frame the selection in that viewport

print("cursor:", tuple(bpy.context.scene.cursor.location))
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5, location=bpy.context.scene.cursor.location)
