# title: Get notified when a property changes with bpy.msgbus
# shows: Subscribes with bpy.msgbus.subscribe_rna to one object's property (key from obj.path_resolve("location", False)) and to a property of every object (key=(bpy.types.Object, "name")), with an owner object, args and notify callback, re-subscribes after file loads from a load_post handler, and unsubscribes with bpy.msgbus.clear_by_owner.
# tags: msgbus, subscribe_rna, clear_by_owner, path_resolve, notify, load_post, callback
# blender: 4.2

import bpy
from bpy.app.handlers import persistent

# Any Python object works as the owner; it is the handle for clear_by_owner().
msgbus_owner = object()
log = []


def on_location_change(obj_name):
    obj = bpy.data.objects.get(obj_name)
    if obj is not None:
        log.append(("location", obj_name, tuple(obj.location)))


def on_any_rename():
    # The callback is not told which object changed; look at the context or rescan.
    active = bpy.context.view_layer.objects.active
    log.append(("renamed", active.name if active else None))


def subscribe(target):
    # One object's property: the key is a path-resolved property (coerce=False).
    bpy.msgbus.subscribe_rna(
        key=target.path_resolve("location", False),
        owner=msgbus_owner,
        args=(target.name,),
        notify=on_location_change,
    )
    # A property on every object of a type: the key is (type, property name).
    bpy.msgbus.subscribe_rna(
        key=(bpy.types.Object, "name"),
        owner=msgbus_owner,
        args=(),
        notify=on_any_rename,
        options={'PERSISTENT'},     # keep it when the ID is remapped (not across file loads)
    )


@persistent
def resubscribe_on_load(_filepath):
    # Loading a .blend clears all subscriptions; renew them here.
    target = bpy.data.objects.get("Watched")
    if target is not None:
        subscribe(target)


bpy.ops.mesh.primitive_monkey_add()
watched = bpy.context.object
watched.name = "Watched"

subscribe(watched)
bpy.app.handlers.load_post.append(resubscribe_on_load)

# Property edits from Python or UI fields notify subscribers once the current operators
# finish (moving with the transform tool and animation playback do not notify).
watched.location.x = 2.0
# publish_rna sends a notification by hand, e.g. after changes that bypass RNA.
bpy.msgbus.publish_rna(key=watched.path_resolve("location", False))
# A headless script has no event loop to deliver messages, so call the callback directly:
on_location_change(watched.name)
print("log:", log)

bpy.msgbus.clear_by_owner(msgbus_owner)
bpy.app.handlers.load_post.remove(resubscribe_on_load)
