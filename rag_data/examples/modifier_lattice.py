# title: Deform a mesh with a lattice cage
# shows: Creates a Lattice object with point resolution, moves its top control points and binds a sphere to it with a Lattice modifier.
# tags: modifier, lattice, deform, cage, points
# blender: 4.2

import bpy

lat_data = bpy.data.lattices.new("Cage")
lat_data.points_u = lat_data.points_v = lat_data.points_w = 3
lattice = bpy.data.objects.new("Cage", lat_data)
lattice.scale = (2.2, 2.2, 2.2)
bpy.context.collection.objects.link(lattice)

# Points are in lattice space (-0.5..0.5). Squeeze the top layer inward.
for p in lat_data.points:
    if p.co.z > 0.4:
        p.co_deform.x = p.co.x * 0.3
        p.co_deform.y = p.co.y * 0.3

bpy.ops.mesh.primitive_uv_sphere_add(radius=1.0)
sphere = bpy.context.object
mod = sphere.modifiers.new(name="Lattice", type='LATTICE')
mod.object = lattice
mod.strength = 1.0
