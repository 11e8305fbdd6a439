# title: Build a pyramid vertex by vertex with BMesh
# shows: Adds vertices with bm.verts.new and faces with bm.faces.new, then recalculates normals before writing the mesh.
# tags: bmesh, mesh, vertices, faces, normals, from scratch
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()

# Four base corners and an apex.
base = [bm.verts.new(co) for co in [(-1, -1, 0), (1, -1, 0), (1, 1, 0), (-1, 1, 0)]]
apex = bm.verts.new((0, 0, 1.5))

# Base quad plus four triangular sides.
bm.faces.new(base)
for i in range(4):
    bm.faces.new((base[i], base[(i + 1) % 4], apex))

# Make all normals point outward regardless of the winding we used.
bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])

mesh = bpy.data.meshes.new("Pyramid")
bm.to_mesh(mesh)
bm.free()
mesh.update()

obj = bpy.data.objects.new("Pyramid", mesh)
bpy.context.collection.objects.link(obj)
