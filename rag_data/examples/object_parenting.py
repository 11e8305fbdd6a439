# title: Parent objects while keeping their world transform
# shows: Sets obj.parent and fixes matrix_parent_inverse so children stay in place, then moves the parent to drag all children with it; also parents to an empty.
# tags: object, parenting, parent, matrix_parent_inverse, hierarchy, empty
# blender: 4.2

import bpy

# A root empty to hold the hierarchy.
root = bpy.data.objects.new("Robot", None)
root.empty_display_type = 'PLAIN_AXES'
bpy.context.collection.objects.link(root)

bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, 0, 1))
body = bpy.context.object
body.name = "Body"
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.35, location=(0, 0, 1.85))
head = bpy.context.object
head.name = "Head"

# Option 1: parent and keep the current world position with the inverse matrix.
body.parent = root
body.matrix_parent_inverse = root.matrix_world.inverted()

# Option 2: parent, then restore the world matrix explicitly.
world = head.matrix_world.copy()
head.parent = body
head.matrix_world = world

root.location = (2, 0, 0)   # everything follows
bpy.context.view_layer.update()
print("head world position:", tuple(round(c, 2) for c in head.matrix_world.translation))
print("children of Robot:", [c.name for c in root.children_recursive])
