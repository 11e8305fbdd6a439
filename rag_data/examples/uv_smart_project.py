# title: Smart UV Project from a script (edit mode operator)
# shows: Makes the object active and selected, enters Edit Mode, selects all faces and runs bpy.ops.uv.smart_project with angle_limit and island_margin, then returns to Object Mode.
# tags: uv, smart project, unwrap, edit mode, operator, mode_set
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_monkey_add()
obj = bpy.context.active_object

# UV operators work on the edit-mode selection of the active object.
bpy.context.view_layer.objects.active = obj
obj.select_set(True)
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.uv.smart_project(angle_limit=math.radians(66), island_margin=0.02,
                         area_weight=0.0, scale_to_bounds=False)
bpy.ops.object.mode_set(mode='OBJECT')  # UV data is written back on exit

uv = obj.data.uv_layers.active
print("uv layer:", uv.name, "loops:", len(uv.uv))
