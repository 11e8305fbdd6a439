# mistake: bpy.context members are read-only; set view_layer.objects.active instead
# blender-error: AttributeError at line 9

import bpy

mesh = bpy.data.meshes.new("Empty")
obj = bpy.data.objects.new("Holder", mesh)
bpy.context.collection.objects.link(obj)
bpy.context.active_object = obj
obj.select_set(True)
