# title: Reuse a collection with collection instances
# shows: Puts objects into a new collection, hides the source via layer_collection.exclude, and places several empties with instance_type 'COLLECTION' and instance_collection.
# tags: collection, instance, instance_collection, empty, instancing
# blender: 4.2

import bpy

# Build a small "lamp post" inside its own collection.
source = bpy.data.collections.new("LampPost")
bpy.context.scene.collection.children.link(source)

bpy.ops.mesh.primitive_cylinder_add(radius=0.05, depth=2.0, location=(0, 0, 1))
pole = bpy.context.object
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.15, location=(0, 0, 2.1))
bulb = bpy.context.object
for obj in (pole, bulb):
    bpy.context.scene.collection.objects.unlink(obj)
    source.objects.link(obj)

# Exclude the source from the view layer so only the instances show.
bpy.context.view_layer.layer_collection.children[source.name].exclude = True

# Each instance is an empty pointing at the collection.
for i in range(5):
    inst = bpy.data.objects.new(f"LampPost.{i:03d}", None)
    inst.instance_type = 'COLLECTION'
    inst.instance_collection = source
    inst.location = (i * 1.5, 0.0, 0.0)
    bpy.context.collection.objects.link(inst)
