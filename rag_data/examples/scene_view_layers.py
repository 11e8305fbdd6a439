# title: Manage scenes, view layers and the active camera
# shows: Creates a second scene with bpy.data.scenes.new, adds view layers, excludes a collection per view layer, and links a collection into another scene.
# tags: scene, view layer, collections, exclude, scene management
# blender: 4.2

import bpy

scene = bpy.context.scene
bg = bpy.data.collections.new("Background")
fg = bpy.data.collections.new("Foreground")
scene.collection.children.link(bg)
scene.collection.children.link(fg)

bpy.ops.mesh.primitive_plane_add(size=10)
ground = bpy.context.object
bpy.ops.mesh.primitive_monkey_add(location=(0, 0, 1))
hero = bpy.context.object
for obj, coll in ((ground, bg), (hero, fg)):
    scene.collection.objects.unlink(obj)
    coll.objects.link(obj)

# A second view layer that renders only the foreground.
fg_layer = scene.view_layers.new("ForegroundOnly")
fg_layer.layer_collection.children["Background"].exclude = True
fg_layer.use_pass_z = True
fg_layer.update()   # refresh the layer's object list after changing exclude
print("view layers:", [vl.name for vl in scene.view_layers])
print("objects in ForegroundOnly:", [o.name for o in fg_layer.objects])

# A separate scene that shares the hero collection (linked, not copied).
turntable = bpy.data.scenes.new("Turntable")
turntable.collection.children.link(fg)
turntable.frame_end = 48
print("scenes:", [s.name for s in bpy.data.scenes], "hero users:", hero.users_scene[:])
