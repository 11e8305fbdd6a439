# mistake: Mesh.vertices is read-only; vertices are added with vertices.add() or from_pydata()
# blender-error: AttributeError at line 8

import bpy

points = [(x * 0.5, 0.0, 0.0) for x in range(10)]
mesh = bpy.data.meshes.new("Line")
mesh.vertices = points
obj = bpy.data.objects.new("Line", mesh)
bpy.context.collection.objects.link(obj)
