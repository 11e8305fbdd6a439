# title: Inflate a cube towards a sphere with the Cast modifier
# shows: Subdivides a cube then uses a Cast modifier (cast_type SPHERE) with factor to blend the shape between cube and sphere.
# tags: modifier, cast, sphere, deform, subdivision
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=2.0)
obj = bpy.context.object
obj.name = "RoundedCube"

sub = obj.modifiers.new(name="Subdivide", type='SUBSURF')
sub.subdivision_type = 'SIMPLE'
sub.levels = 3

cast = obj.modifiers.new(name="Cast", type='CAST')
cast.cast_type = 'SPHERE'
cast.factor = 0.7        # 1.0 = perfect sphere
cast.use_x = cast.use_y = cast.use_z = True
