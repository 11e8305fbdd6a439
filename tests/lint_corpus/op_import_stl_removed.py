# mistake: bpy.ops.import_mesh.stl was removed in Blender 4.2 (use bpy.ops.wm.stl_import)
# blender-error: AttributeError at line 14

import os
import tempfile

import bpy

path = os.path.join(tempfile.gettempdir(), "part.stl")
bpy.ops.mesh.primitive_cylinder_add(radius=0.5, depth=2)
bpy.ops.wm.stl_export(filepath=path)

bpy.ops.object.delete()
bpy.ops.import_mesh.stl(filepath=path)
part = bpy.context.selected_objects[0]
part.location.z = 1.0
