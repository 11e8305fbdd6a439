# title: Swap visible objects per frame with a frame_change_pre handler
# shows: Uses bpy.app.handlers.frame_change_pre (runs before animation is evaluated for the new frame) to show one object of a "flipbook" collection per frame via hide_viewport/hide_render, marks it @persistent, steps frames with scene.frame_set, and removes the handler.
# tags: handlers, frame_change_pre, persistent, frame_set, stop motion, visibility, animation
# blender: 4.2

import math
import bpy
from bpy.app.handlers import persistent

FLIPBOOK = "Flipbook"


@persistent
def flipbook_show_frame(scene, depsgraph=None):
    coll = bpy.data.collections.get(FLIPBOOK)
    if coll is None or not coll.objects:
        return
    frames = sorted(coll.objects, key=lambda o: o.name)
    shown = frames[(scene.frame_current - 1) % len(frames)]
    for obj in frames:
        hidden = obj is not shown
        obj.hide_viewport = hidden
        obj.hide_render = hidden


# One object per drawing: a torus that gets fatter each frame.
coll = bpy.data.collections.new(FLIPBOOK)
bpy.context.scene.collection.children.link(coll)
for i in range(6):
    bpy.ops.mesh.primitive_torus_add(minor_radius=0.1 + 0.05 * i, major_radius=1.0)
    obj = bpy.context.object
    obj.name = f"pose_{i:02d}"
    obj.rotation_euler.x = math.radians(15 * i)
    for c in obj.users_collection:
        c.objects.unlink(obj)
    coll.objects.link(obj)

bpy.app.handlers.frame_change_pre.append(flipbook_show_frame)

scene = bpy.context.scene
for frame in (1, 2, 9):
    scene.frame_set(frame)         # runs frame_change_pre, then evaluates, then frame_change_post
    print(frame, [o.name for o in coll.objects if not o.hide_viewport])

bpy.app.handlers.frame_change_pre.remove(flipbook_show_frame)
