# mistake: BlendDataObjects.new's second parameter is object_data, not mesh
# blender-error: TypeError at line 13

import bpy

verts = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)]
faces = [(0, 1, 2, 3)]

me = bpy.data.meshes.new("QuadMesh")
me.from_pydata(verts, [], faces)
me.update()

obj = bpy.data.objects.new("Quad", mesh=me)
bpy.context.collection.objects.link(obj)
