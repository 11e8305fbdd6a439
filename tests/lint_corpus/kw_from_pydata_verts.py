# mistake: Mesh.from_pydata's first parameter is vertices, not verts
# blender-error: TypeError at line 10

import bpy

verts = [(0, 0, 0), (2, 0, 0), (1, 1.7, 0), (1, 0.6, 1.6)]
faces = [(0, 1, 2), (0, 1, 3), (1, 2, 3), (2, 0, 3)]

mesh = bpy.data.meshes.new("Tetra")
mesh.from_pydata(verts=verts, edges=[], faces=faces)
mesh.update()

obj = bpy.data.objects.new("Tetra", mesh)
bpy.context.collection.objects.link(obj)
