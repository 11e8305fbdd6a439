# title: Grow a tube skeleton from edges with the Skin modifier
# shows: Builds a branching edge-only mesh, adds a Skin modifier, sets per-vertex radii through skin_vertices, then smooths with subdivision.
# tags: modifier, skin, edges, skeleton, branches
# blender: 4.2

import bpy

# A little tree skeleton made only of edges.
verts = [(0, 0, 0), (0, 0, 1), (0.5, 0, 1.7), (-0.4, 0.2, 1.6), (0, 0, 2.2)]
edges = [(0, 1), (1, 2), (1, 3), (1, 4)]
mesh = bpy.data.meshes.new("Skeleton")
mesh.from_pydata(verts, edges, [])
obj = bpy.data.objects.new("SkinTree", mesh)
bpy.context.collection.objects.link(obj)

skin = obj.modifiers.new(name="Skin", type='SKIN')
skin.use_smooth_shade = True

# Adding the modifier creates the skin vertex layer; thin the tips.
radii = [0.25, 0.18, 0.06, 0.06, 0.08]
for data, r in zip(mesh.skin_vertices[0].data, radii):
    data.radius = (r, r)
mesh.skin_vertices[0].data[0].use_root = True

obj.modifiers.new(name="Subdivision", type='SUBSURF').levels = 1
