# title: Move an object's origin without moving its geometry
# shows: Shifts the origin to the bottom of the bounding box by offsetting vertices with mesh.transform and compensating matrix_world; also uses bpy.ops.object.origin_set.
# tags: object, origin, pivot, bounding box, origin_set
# blender: 4.2

import bpy
from mathutils import Matrix, Vector

bpy.ops.mesh.primitive_cylinder_add(depth=2.0, location=(0, 0, 3))
post = bpy.context.object

# New origin: centre of the bottom face (in local coordinates).
corners = [Vector(c) for c in post.bound_box]
bottom = Vector((
    sum(c.x for c in corners) / 8,
    sum(c.y for c in corners) / 8,
    min(c.z for c in corners),
))
post.data.transform(Matrix.Translation(-bottom))   # move geometry up
post.matrix_world = post.matrix_world @ Matrix.Translation(bottom)  # move object down
print("origin now at:", tuple(round(v, 2) for v in post.location))

# Operator alternatives: ORIGIN_GEOMETRY, ORIGIN_CURSOR, GEOMETRY_ORIGIN, ORIGIN_CENTER_OF_MASS
bpy.ops.mesh.primitive_cone_add(location=(3, 0, 0))
cone = bpy.context.object
cone.data.transform(Matrix.Translation((0, 0, 2)))   # geometry off-centre
bpy.ops.object.origin_set(type='ORIGIN_GEOMETRY', center='BOUNDS')
print("cone origin:", tuple(round(v, 2) for v in cone.location))
