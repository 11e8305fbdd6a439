# title: Organise objects into nested collections
# shows: Creates collections with bpy.data.collections.new, nests them with children.link, moves objects between collections, and toggles hide_viewport, hide_render and exclude.
# tags: collection, scene, organisation, view layer, hide, exclude
# blender: 4.2

import bpy

scene = bpy.context.scene

props = bpy.data.collections.new("Props")
lights = bpy.data.collections.new("Lights")
scene.collection.children.link(props)
scene.collection.children.link(lights)

# Nested collection inside Props.
crates = bpy.data.collections.new("Crates")
props.children.link(crates)

for i in range(3):
    bpy.ops.mesh.primitive_cube_add(size=0.5, location=(i, 0, 0.25))
    crate = bpy.context.object
    crate.name = f"Crate{i}"
    # Move: link to the new collection, unlink from all old ones.
    for coll in crate.users_collection:
        coll.objects.unlink(crate)
    crates.objects.link(crate)

lamp = bpy.data.objects.new("KeyLight", bpy.data.lights.new("KeyLight", 'POINT'))
lights.objects.link(lamp)

lights.hide_render = False
lights.color_tag = 'COLOR_05'
# View-layer specific visibility lives on the LayerCollection.
layer_props = bpy.context.view_layer.layer_collection.children["Props"]
layer_props.children["Crates"].hide_viewport = False

for coll in scene.collection.children_recursive:
    print(coll.name, [o.name for o in coll.objects])
