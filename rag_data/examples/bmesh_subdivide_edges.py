# title: Subdivide a plane's edges with bmesh and add random height
# shows: Uses bmesh.ops.subdivide_edges with cuts and use_grid_fill on a grid, then offsets vertices to make a bumpy terrain patch.
# tags: bmesh, subdivide, edges, grid, terrain, random
# blender: 4.2

import random
import bpy
import bmesh

random.seed(3)
bm = bmesh.new()
bmesh.ops.create_grid(bm, x_segments=2, y_segments=2, size=4.0)

# Each edge gets 6 cuts; grid fill turns the split quads into a finer grid.
bmesh.ops.subdivide_edges(bm, edges=bm.edges[:], cuts=6, use_grid_fill=True)

# Push interior vertices up and down a little.
for v in bm.verts:
    if not v.is_boundary:
        v.co.z += random.uniform(-0.15, 0.3)

bm.normal_update()
mesh = bpy.data.meshes.new("Terrain")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("Terrain", mesh)
bpy.context.collection.objects.link(obj)
print("vertices:", len(mesh.vertices))
