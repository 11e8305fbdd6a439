# mistake: bpy.ops.export_scene.obj was removed in Blender 4.0 (use bpy.ops.wm.obj_export)
# blender-error: AttributeError at line 13

import os
import tempfile

import bpy

bpy.ops.mesh.primitive_monkey_add()
bpy.ops.object.shade_smooth()

out_path = os.path.join(tempfile.gettempdir(), "suzanne.obj")
bpy.ops.export_scene.obj(filepath=out_path, use_selection=True)
print("exported", out_path)
