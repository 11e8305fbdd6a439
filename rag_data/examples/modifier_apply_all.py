# title: Apply modifiers by creating a new mesh from the evaluated object
# shows: Builds a modifier stack, then bakes it into a mesh with bpy.data.meshes.new_from_object on the evaluated object (no operator needed) and clears the stack.
# tags: modifier, apply, evaluated, depsgraph, new_from_object
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=1.0)
obj = bpy.context.object
obj.modifiers.new(name="Bevel", type='BEVEL').width = 0.1
obj.modifiers.new(name="Subdivision", type='SUBSURF').levels = 1

# Evaluate the object (modifiers included) and copy the result.
depsgraph = bpy.context.evaluated_depsgraph_get()
obj_eval = obj.evaluated_get(depsgraph)
baked = bpy.data.meshes.new_from_object(obj_eval)

# Swap in the baked mesh and remove the now-redundant modifiers.
old = obj.data
obj.modifiers.clear()
obj.data = baked
bpy.data.meshes.remove(old)
print("vertices after apply:", len(obj.data.vertices))

# The operator equivalent, for one modifier on the active object, is:
# bpy.ops.object.modifier_apply(modifier="Bevel")
