# title: Fix flipped normals with bmesh.ops.recalc_face_normals
# shows: Deliberately flips some faces of a sphere, counts the inward-facing ones, and repairs them with bmesh.ops.recalc_face_normals.
# tags: bmesh, normals, recalc, flip, cleanup
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_icosphere(bm, subdivisions=2, radius=1.0)

# Flip every other face to simulate a broken import.
for i, face in enumerate(bm.faces):
    if i % 2:
        face.normal_flip()


def inward_count(bm):
    # A face points inward if its normal opposes the direction from the centre.
    return sum(1 for f in bm.faces if f.normal.dot(f.calc_center_median()) < 0)


bm.normal_update()
print("inward faces before:", inward_count(bm))
bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
print("inward faces after:", inward_count(bm))

mesh = bpy.data.meshes.new("FixedSphere")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("FixedSphere", mesh)
bpy.context.collection.objects.link(obj)
