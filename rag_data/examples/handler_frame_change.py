# title: Update the scene every frame with an app handler
# shows: Registers a function in bpy.app.handlers.frame_change_post that moves an object procedurally, triggers it with scene.frame_set, and removes the handler again.
# tags: handlers, frame_change, app handlers, animation, procedural
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cube_add(size=0.5)
bob = bpy.context.object
bob.name = "Bobber"


def bob_on_frame(scene, depsgraph=None):
    # Handlers receive the scene (and depsgraph for *_post handlers).
    obj = scene.objects.get("Bobber")
    if obj is not None:
        obj.location.z = 0.5 * math.sin(scene.frame_current * 0.2)


# Avoid duplicates when the script is run twice.
for h in list(bpy.app.handlers.frame_change_post):
    if h.__name__ == bob_on_frame.__name__:
        bpy.app.handlers.frame_change_post.remove(h)
bpy.app.handlers.frame_change_post.append(bob_on_frame)

bpy.context.scene.frame_set(8)
print("z at frame 8:", round(bob.location.z, 3))

# Handlers persist until removed (or a new file is loaded, unless @persistent).
bpy.app.handlers.frame_change_post.remove(bob_on_frame)
