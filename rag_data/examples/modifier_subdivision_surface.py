# title: Smooth a mesh with a Subdivision Surface modifier
# shows: Adds a Subdivision Surface modifier with separate viewport and render levels, keeps corners sharper using edge creases.
# tags: modifier, subdivision, subsurf, smooth, crease
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=2.0)
obj = bpy.context.object

sub = obj.modifiers.new(name="Subdivision", type='SUBSURF')
sub.levels = 2           # viewport level
sub.render_levels = 3    # level used for final renders
sub.subdivision_type = 'CATMULL_CLARK'

# Edge creases (0..1) stored as the "crease_edge" attribute hold edges tight.
crease = obj.data.attributes.new("crease_edge", 'FLOAT', 'EDGE')
for edge in obj.data.edges:
    v0, v1 = (obj.data.vertices[i].co for i in edge.vertices)
    # Crease the four vertical edges only.
    crease.data[edge.index].value = 1.0 if abs(v0.z - v1.z) > 1.0 else 0.0

obj.data.shade_smooth()
