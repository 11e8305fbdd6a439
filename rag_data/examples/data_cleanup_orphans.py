# title: Remove objects and purge orphan data blocks
# shows: Deletes objects with bpy.data.objects.remove, finds meshes/materials with users == 0 and removes them, and calls bpy.data.orphans_purge for recursive cleanup.
# tags: cleanup, orphans, purge, remove, users, data management
# blender: 4.2

import bpy

# Make some objects, materials and meshes.
for i in range(4):
    bpy.ops.mesh.primitive_cube_add(location=(i * 2, 0, 0))
    mat = bpy.data.materials.new(f"Temp{i}")
    bpy.context.object.data.materials.append(mat)
bpy.data.materials.new("NeverUsed")

# Remove two objects; their meshes and materials become orphans.
for name in ("Cube.002", "Cube.003"):
    bpy.data.objects.remove(bpy.data.objects[name], do_unlink=True)

orphans = [m.name for m in bpy.data.meshes if m.users == 0]
print("orphan meshes:", orphans)

# Manual removal for one type...
for mesh in [m for m in bpy.data.meshes if m.users == 0]:
    bpy.data.meshes.remove(mesh)

# ...or purge every unused block, recursively (materials freed by the meshes too).
removed = bpy.data.orphans_purge(do_local_ids=True, do_linked_ids=True, do_recursive=True)
print("purged:", removed, "materials left:", [m.name for m in bpy.data.materials])
