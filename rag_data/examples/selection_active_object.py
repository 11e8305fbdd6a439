# title: Select objects and set the active object
# shows: Deselects all with select_set(False), selects by type or name pattern, sets view_layer.objects.active, reads context.selected_objects, and uses temp_override for an operator.
# tags: selection, active object, select_set, selected_objects, temp_override, context
# blender: 4.2

import bpy

for i in range(3):
    bpy.ops.mesh.primitive_cube_add(location=(i * 2, 0, 0))
    bpy.ops.mesh.primitive_uv_sphere_add(location=(i * 2, 2, 0))

view_layer = bpy.context.view_layer
for obj in view_layer.objects:
    obj.select_set(False)

spheres = [o for o in bpy.context.scene.objects if o.name.startswith("Sphere")]
for obj in spheres:
    obj.select_set(True)
view_layer.objects.active = spheres[0]

print("active:", bpy.context.active_object.name)
print("selected:", [o.name for o in bpy.context.selected_objects])

# Run an operator on a specific set of objects without touching the selection.
cubes = [o for o in bpy.context.scene.objects if o.name.startswith("Cube")]
with bpy.context.temp_override(active_object=cubes[0], object=cubes[0],
                               selected_objects=cubes, selected_editable_objects=cubes):
    bpy.ops.object.shade_smooth()
print("cube smooth:", cubes[0].data.polygons[0].use_smooth)
