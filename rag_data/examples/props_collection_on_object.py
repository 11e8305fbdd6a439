# title: A per-object list of entries with CollectionProperty
# shows: Attaches CollectionProperty(type=PropertyGroup) to bpy.types.Object, adds entries with .add(), looks them up by name with .get() and by index, reorders with .move(), removes with .remove(index), and uses the list to place marker meshes.
# tags: propertygroup, CollectionProperty, Object, add, remove, move, list, bpy.props
# blender: 4.2

import bpy


class SocketPoint(bpy.types.PropertyGroup):
    # Every PropertyGroup already has a "name" StringProperty used by .get() and UI search.
    offset: bpy.props.FloatVectorProperty(name="Offset", subtype='TRANSLATION', size=3)
    size: bpy.props.FloatProperty(name="Size", default=0.2, min=0.01)


def register():
    bpy.utils.register_class(SocketPoint)
    bpy.types.Object.socket_points_demo = bpy.props.CollectionProperty(type=SocketPoint)


def unregister():
    del bpy.types.Object.socket_points_demo
    bpy.utils.unregister_class(SocketPoint)


register()

bpy.ops.mesh.primitive_cube_add(size=2.0)
body = bpy.context.object

for name, offset in (("top", (0, 0, 1)), ("left", (-1, 0, 0)), ("right", (1, 0, 0)), ("spare", (0, 1, 0))):
    item = body.socket_points_demo.add()
    item.name = name
    item.offset = offset

body.socket_points_demo["top"].size = 0.4                      # index by name like bpy.data
body.socket_points_demo.remove(body.socket_points_demo.find("spare"))
body.socket_points_demo.move(2, 0)                              # "right" becomes first
print("sockets:", [s.name for s in body.socket_points_demo])
print("missing lookup:", body.socket_points_demo.get("bottom"))

for s in body.socket_points_demo:
    bpy.ops.mesh.primitive_uv_sphere_add(radius=s.size, location=body.location + s.offset)
    bpy.context.object.name = "socket_" + s.name

unregister()
