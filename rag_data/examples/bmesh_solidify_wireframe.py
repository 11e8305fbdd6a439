# title: Give a surface thickness and a lattice look with bmesh ops
# shows: Thickens a grid with bmesh.ops.solidify and turns a second copy into struts with bmesh.ops.wireframe.
# tags: bmesh, solidify, wireframe, thickness, grid
# blender: 4.2

import bpy
import bmesh
from mathutils import Matrix


def grid_mesh(name, matrix):
    bm = bmesh.new()
    bmesh.ops.create_grid(bm, x_segments=4, y_segments=4, size=1.0, matrix=matrix)
    return bm


# Solidify: offsets the surface and closes the rim.
bm = grid_mesh("Slab", Matrix.Translation((-1.5, 0, 0)))
bmesh.ops.solidify(bm, geom=bm.faces[:], thickness=0.2)
slab = bpy.data.meshes.new("Slab")
bm.to_mesh(slab)
bm.free()

# Wireframe: replaces every edge with a thin beam.
bm = grid_mesh("Lattice", Matrix.Translation((1.5, 0, 0)))
bmesh.ops.wireframe(bm, faces=bm.faces[:], thickness=0.05, use_replace=True)
lattice = bpy.data.meshes.new("Lattice")
bm.to_mesh(lattice)
bm.free()

for mesh in (slab, lattice):
    bpy.context.collection.objects.link(bpy.data.objects.new(mesh.name, mesh))
