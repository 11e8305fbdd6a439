# mistake: the operator is bpy.ops.object.transform_apply, not apply_transform
# blender-error: AttributeError at line 12

import bpy

bpy.ops.mesh.primitive_cube_add(location=(1, 2, 0))
obj = bpy.context.active_object
obj.scale = (2.0, 1.0, 0.5)
obj.rotation_euler.z = 0.785

# Bake scale and rotation into the mesh data
bpy.ops.object.apply_transform(location=False, rotation=True, scale=True)
