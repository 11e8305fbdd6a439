# mistake: ObjectModifiers.new takes name and type; kind is not a keyword
# blender-error: TypeError at line 10

import bpy

mesh = bpy.data.meshes.new("PanelMesh")
obj = bpy.data.objects.new("Panel", mesh)
bpy.context.collection.objects.link(obj)

bevel = obj.modifiers.new(name="Bevel", kind='BEVEL')
bevel.width = 0.02
