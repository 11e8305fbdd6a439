# title: Select faces by normal direction and extrude them individually
# shows: Filters faces on their normal, extrudes each one separately with bmesh.ops.extrude_discrete_faces and moves each along its own normal.
# tags: bmesh, extrude, discrete faces, normals, selection
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=8, radius=1.0)

# Only faces in the upper hemisphere that face mostly sideways.
chosen = [f for f in bm.faces if f.normal.z > 0.1 and abs(f.normal.z) < 0.7]

ret = bmesh.ops.extrude_discrete_faces(bm, faces=chosen)
for face in ret["faces"]:
    offset = face.normal * 0.3
    for v in face.verts:
        v.co += offset

mesh = bpy.data.meshes.new("Studded")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Studded", mesh)
bpy.context.collection.objects.link(obj)
