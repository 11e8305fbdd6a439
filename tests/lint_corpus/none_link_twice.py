# mistake: the operator already links the new object to the collection; linking again raises RuntimeError
# blender-error: RuntimeError at line 10
# category: none

import bpy

coll = bpy.context.scene.collection
bpy.ops.mesh.primitive_cone_add()
cone = bpy.context.active_object
coll.objects.link(cone)
