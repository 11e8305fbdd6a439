# title: Apply scale and rotation to mesh data
# shows: Bakes object scale/rotation into the vertices with mesh.transform(matrix) and resets matrix_basis (data API), and shows the transform_apply operator alternative.
# tags: object, apply transform, scale, mesh.transform, matrix_basis, transform_apply
# blender: 4.2

import bpy
from mathutils import Matrix

bpy.ops.mesh.primitive_cube_add(location=(0, 0, 1), rotation=(0.3, 0, 0.5), scale=(2, 1, 0.5))
box = bpy.context.object

# Data API: move rotation+scale into the mesh, keep the location on the object.
loc, rot, scale = box.matrix_basis.decompose()
box.data.transform(Matrix.LocRotScale(None, rot, scale))
box.matrix_basis = Matrix.Translation(loc)
print("scale after apply:", tuple(box.scale), "dimensions:", tuple(round(d, 2) for d in box.dimensions))

# Operator version (acts on selected objects).
bpy.ops.mesh.primitive_cylinder_add(location=(3, 0, 0), scale=(1, 1, 3))
bpy.ops.object.transform_apply(location=False, rotation=True, scale=True)
print("cylinder scale:", tuple(bpy.context.object.scale))
