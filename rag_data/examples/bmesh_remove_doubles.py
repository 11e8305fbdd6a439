# title: Merge overlapping vertices with bmesh.ops.remove_doubles
# shows: Builds two cubes that share a face position, then welds coincident vertices with bmesh.ops.remove_doubles and reports the counts.
# tags: bmesh, merge, remove doubles, weld, cleanup
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix

bm = bmesh.new()
# Two unit cubes touching at x = 0.5: their shared face vertices coincide.
bmesh.ops.create_cube(bm, size=1.0)
bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.Translation((1.0, 0, 0)))
before = len(bm.verts)

bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=0.001)
print("vertices before:", before, "after:", len(bm.verts))

# The two touching faces are now duplicates facing each other; drop them.
inner = [f for f in bm.faces if abs(f.calc_center_median().x - 0.5) < 1e-4]
bmesh.ops.delete(bm, geom=inner, context='FACES_ONLY')

mesh = bpy.data.meshes.new("MergedCubes")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("MergedCubes", mesh)
bpy.context.collection.objects.link(obj)
