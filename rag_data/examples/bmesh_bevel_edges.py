# title: Bevel all edges of a cube with bmesh.ops.bevel
# shows: Runs bmesh.ops.bevel on every edge with an offset, segment count and profile, affecting edges rather than vertices.
# tags: bmesh, bevel, edges, rounded, modeling
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_cube(bm, size=2.0)

# affect='EDGES' bevels edges (the default 'VERTICES' only chamfers corners).
result = bmesh.ops.bevel(
    bm,
    geom=bm.edges[:] + bm.verts[:],
    offset=0.2,
    offset_type='OFFSET',
    segments=3,
    profile=0.5,
    affect='EDGES',
    clamp_overlap=True,
)
print("bevel created", len(result["faces"]), "faces")

for f in bm.faces:
    f.smooth = True

mesh = bpy.data.meshes.new("BeveledCube")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("BeveledCube", mesh)
bpy.context.collection.objects.link(obj)
