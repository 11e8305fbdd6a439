# title: Build a cube mesh with bmesh.ops.create_cube
# shows: Creates a BMesh, fills it with a cube primitive, writes it into a new mesh datablock and links an object to the scene.
# tags: bmesh, mesh, cube, primitive, bmesh.ops
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix

# An empty BMesh is an editable, in-memory mesh.
bm = bmesh.new()

# Primitive operators take an optional matrix to place the result.
bmesh.ops.create_cube(bm, size=2.0, matrix=Matrix.Translation((0.0, 0.0, 1.0)))

# Copy the BMesh into a mesh datablock, then release the BMesh.
mesh = bpy.data.meshes.new("BMeshCube")
bm.to_mesh(mesh)
bm.free()

obj = bpy.data.objects.new("BMeshCube", mesh)
bpy.context.collection.objects.link(obj)
bpy.context.view_layer.objects.active = obj
obj.select_set(True)
