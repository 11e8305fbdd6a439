# title: Parent with the operator (Ctrl+P equivalent)
# shows: Selects the children, makes the parent active and runs bpy.ops.object.parent_set(type='OBJECT', keep_transform=True); clears it again with parent_clear.
# tags: object, parenting, parent_set, parent_clear, selection, operator
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(radius=0.1, depth=1.0, location=(0, 0, 0.5))
stick = bpy.context.object
bpy.ops.mesh.primitive_cube_add(size=0.4, location=(0, 0, 1.2))
head = bpy.context.object
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.2, location=(0, 0, -0.1))
foot = bpy.context.object

# Children selected, parent selected AND active.
bpy.ops.object.select_all(action='DESELECT')
head.select_set(True)
foot.select_set(True)
stick.select_set(True)
bpy.context.view_layer.objects.active = stick
bpy.ops.object.parent_set(type='OBJECT', keep_transform=True)
print("parents:", head.parent.name, foot.parent.name)

# Unparent the foot but keep where it is.
bpy.ops.object.select_all(action='DESELECT')
foot.select_set(True)
bpy.context.view_layer.objects.active = foot
bpy.ops.object.parent_clear(type='CLEAR_KEEP_TRANSFORM')
print("foot parent after clear:", foot.parent)
