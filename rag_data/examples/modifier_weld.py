# title: Merge nearby vertices non-destructively with the Weld modifier
# shows: Builds two grids with a tiny gap between them and lets a Weld modifier merge vertices within merge_threshold, then compares evaluated counts.
# tags: modifier, weld, merge, vertices, depsgraph
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix

bm = bmesh.new()
bmesh.ops.create_grid(bm, x_segments=4, y_segments=4, size=1.0)
# Second grid almost touching the first along x = 1.
bmesh.ops.create_grid(bm, x_segments=4, y_segments=4, size=1.0,
                      matrix=Matrix.Translation((2.0005, 0, 0)))
mesh = bpy.data.meshes.new("TwoGrids")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("TwoGrids", mesh)
bpy.context.collection.objects.link(obj)

weld = obj.modifiers.new(name="Weld", type='WELD')
weld.merge_threshold = 0.001
weld.mode = 'ALL'

# The evaluated object shows the modifier result.
depsgraph = bpy.context.evaluated_depsgraph_get()
evaluated = obj.evaluated_get(depsgraph)
print("original verts:", len(mesh.vertices), "welded:", len(evaluated.data.vertices))
