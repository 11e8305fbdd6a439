# title: Join several meshes into one and separate by loose parts
# shows: Selects objects and calls bpy.ops.object.join with the target active; then splits a mesh with bpy.ops.mesh.separate(type='LOOSE') in Edit Mode.
# tags: object, join, separate, loose parts, selection, edit mode
# blender: 4.2

import bpy

for x in range(3):
    bpy.ops.mesh.primitive_cube_add(size=0.8, location=(x * 1.2, 0, 0))

# Join: select all, pick the one that survives as active.
objs = [o for o in bpy.context.scene.objects if o.type == 'MESH']
for o in objs:
    o.select_set(True)
bpy.context.view_layer.objects.active = objs[0]
bpy.ops.object.join()
merged = bpy.context.object
merged.name = "Cubes"
print("after join:", len(bpy.context.scene.objects), "object(s),", len(merged.data.vertices), "verts")

# Separate: loose parts become their own objects again.
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.mesh.separate(type='LOOSE')
bpy.ops.object.mode_set(mode='OBJECT')
print("after separate:", sorted(o.name for o in bpy.context.scene.objects))
