# title: Wrap random points in a convex hull with bmesh
# shows: Scatters random vertices in a BMesh and builds a closed mesh around them with bmesh.ops.convex_hull, deleting the unused interior points.
# tags: bmesh, convex hull, random, points, rock
# blender: 4.2

import random
import bpy
import bmesh
from mathutils import Vector

random.seed(7)
bm = bmesh.new()
for _ in range(60):
    # Random points inside a squashed ellipsoid give a rock-like shape.
    p = Vector((random.gauss(0, 1), random.gauss(0, 1), random.gauss(0, 1)))
    p.normalize()
    bm.verts.new(p * random.uniform(0.7, 1.0) * Vector((1.2, 1.0, 0.7)))

ret = bmesh.ops.convex_hull(bm, input=bm.verts[:])
# Points that ended up inside the hull are not part of any face.
interior = [v for v in ret["geom_interior"] if isinstance(v, bmesh.types.BMVert)]
bmesh.ops.delete(bm, geom=interior, context='VERTS')

mesh = bpy.data.meshes.new("Rock")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Rock", mesh)
bpy.context.collection.objects.link(obj)
