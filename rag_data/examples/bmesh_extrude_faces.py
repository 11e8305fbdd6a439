# title: Extrude the top face of a cube with bmesh
# shows: Selects the upward-facing face, extrudes it with bmesh.ops.extrude_face_region and moves the new vertices with bmesh.ops.translate.
# tags: bmesh, extrude, faces, translate, modeling
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix, Vector

bm = bmesh.new()
bmesh.ops.create_cube(bm, size=1.0)

# Pick the face whose normal points up (+Z).
top = [f for f in bm.faces if f.normal.z > 0.9]

# Extrude returns the new geometry; keep only its vertices to move them.
ret = bmesh.ops.extrude_face_region(bm, geom=top)
new_verts = [e for e in ret["geom"] if isinstance(e, bmesh.types.BMVert)]
bmesh.ops.translate(bm, verts=new_verts, vec=Vector((0.0, 0.0, 1.5)))

# Taper the extruded tip: scale about its own centre by working in a
# space where that centre is the origin.
center = sum((v.co for v in new_verts), Vector()) / len(new_verts)
bmesh.ops.scale(bm, verts=new_verts, vec=(0.5, 0.5, 1.0),
                space=Matrix.Translation(-center))

mesh = bpy.data.meshes.new("ExtrudedCube")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("ExtrudedCube", mesh)
bpy.context.collection.objects.link(obj)
