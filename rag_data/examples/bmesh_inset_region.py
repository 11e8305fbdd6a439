# title: Inset a region of faces and extrude it into a rim
# shows: Applies bmesh.ops.inset_region to the top faces of a cylinder so the selection is inset as one region, then extrudes the inner area down.
# tags: bmesh, inset, region, extrude, cylinder, bowl
# blender: 4.2

import bpy
import bmesh
from mathutils import Vector

bm = bmesh.new()
bmesh.ops.create_cone(bm, cap_ends=True, cap_tris=True, segments=24,
                      radius1=1.0, radius2=1.0, depth=1.0)

# With cap_tris the top cap is a fan of triangles; inset them as one region.
top = [f for f in bm.faces if f.normal.z > 0.9]
bmesh.ops.inset_region(bm, faces=top, thickness=0.1, use_even_offset=True)

# The same face list is now the inner area; extrude it downward.
# ret["geom"] holds the extruded (moved) region's verts, edges and faces.
ret = bmesh.ops.extrude_face_region(bm, geom=top)
verts = [e for e in ret["geom"] if isinstance(e, bmesh.types.BMVert)]
bmesh.ops.translate(bm, verts=verts, vec=Vector((0, 0, -0.8)))

mesh = bpy.data.meshes.new("Cup")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Cup", mesh)
bpy.context.collection.objects.link(obj)
