# title: Rebuild topology with a voxel Remesh modifier
# shows: Joins overlapping primitives into one mesh and uses a Remesh modifier in VOXEL mode (voxel_size, adaptivity) to fuse them into one clean surface.
# tags: modifier, remesh, voxel, topology, join
# blender: 4.2

import bpy

# Three overlapping spheres in one mesh.
for x in (-0.6, 0.0, 0.6):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.7, location=(x, 0, abs(x)))
for obj in bpy.context.scene.objects:
    obj.select_set(True)
bpy.ops.object.join()  # joins the selection into the active object
blob = bpy.context.object
blob.name = "Blob"

remesh = blob.modifiers.new(name="Remesh", type='REMESH')
remesh.mode = 'VOXEL'
remesh.voxel_size = 0.08   # smaller = more detail, slower
remesh.adaptivity = 0.0
remesh.use_smooth_shade = True
