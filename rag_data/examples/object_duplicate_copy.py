# title: Duplicate objects with obj.copy() and data.copy()
# shows: Makes full (independent) copies with obj.copy() plus obj.data.copy(), links them into the collection, and copies modifiers and materials along.
# tags: object, duplicate, copy, data copy, collection link
# blender: 4.2

import bpy
from mathutils import Matrix

bpy.ops.mesh.primitive_torus_add(major_radius=0.6, minor_radius=0.2)
original = bpy.context.object
original.modifiers.new("Smooth", 'SUBSURF').levels = 1
mat = bpy.data.materials.new("Ring")
original.data.materials.append(mat)

copies = []
for i in range(1, 4):
    dup = original.copy()            # copies object, modifiers, constraints
    dup.data = original.data.copy()  # without this the mesh is shared (linked)
    dup.location.x = i * 1.6
    dup.name = f"Ring{i}"
    bpy.context.collection.objects.link(dup)  # copies are not in any collection yet
    copies.append(dup)

# Changing one copy's mesh leaves the others alone.
copies[0].data.transform(Matrix.Scale(0.5, 4))
print([(o.name, o.data.name, len(o.modifiers)) for o in copies])
