# title: React to edits with a depsgraph_update_post handler
# shows: Appends a @persistent function to bpy.app.handlers.depsgraph_update_post, walks depsgraph.updates to see which objects had transform or geometry changes (is_updated_transform / is_updated_geometry), mirrors a leader object onto a follower only when the value differs (to avoid endless update loops), and removes the handler.
# tags: handlers, depsgraph_update_post, persistent, depsgraph, updates, is_updated_transform, sync
# blender: 4.2

import bpy
from bpy.app.handlers import persistent

changes = []


@persistent     # keep the handler when another .blend is loaded
def mirror_leader(scene, depsgraph):
    for update in depsgraph.updates:
        if not isinstance(update.id, bpy.types.Object):
            continue
        obj = update.id.original          # updates hold evaluated copies; edit the original
        changes.append((obj.name, update.is_updated_transform, update.is_updated_geometry))
        if obj.name == "Leader" and update.is_updated_transform:
            follower = scene.objects.get("Follower")
            mirrored = (-obj.location.x, obj.location.y, obj.location.z)
            # Writing triggers another depsgraph update; only write when something changed.
            if follower is not None and tuple(follower.location) != mirrored:
                follower.location = mirrored


def register():
    # Drop an older copy when the script is run twice.
    for h in list(bpy.app.handlers.depsgraph_update_post):
        if getattr(h, "__name__", "") == mirror_leader.__name__:
            bpy.app.handlers.depsgraph_update_post.remove(h)
    bpy.app.handlers.depsgraph_update_post.append(mirror_leader)


def unregister():
    if mirror_leader in bpy.app.handlers.depsgraph_update_post:
        bpy.app.handlers.depsgraph_update_post.remove(mirror_leader)


bpy.ops.mesh.primitive_cone_add(location=(1, 0, 0))
bpy.context.object.name = "Leader"
bpy.ops.mesh.primitive_cone_add(location=(-1, 0, 0))
bpy.context.object.name = "Follower"

register()

leader = bpy.context.scene.objects["Leader"]
leader.location = (3.0, 1.0, 0.5)
# In the UI the depsgraph updates after every edit; in a script, ask for it.
bpy.context.view_layer.update()

print("follower:", tuple(bpy.context.scene.objects["Follower"].location))
print("updates seen:", changes[:4])

unregister()
