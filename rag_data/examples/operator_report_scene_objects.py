# title: Operator reports: INFO, WARNING and cancelling when there is nothing to do
# shows: Scans context.scene.objects, uses self.report({'INFO'|'WARNING'|'ERROR'}, msg) for feedback shown in the status bar (printed to the console when headless), and returns {'CANCELLED'} instead of {'FINISHED'} when it changed nothing; the caller checks the returned set.
# tags: operator, report, INFO, WARNING, CANCELLED, scene.objects, feedback
# blender: 4.2

import bpy
from mathutils import Vector


class OBJECT_OT_report_drop_to_floor(bpy.types.Operator):
    """Move objects that are below the floor up to z = 0"""
    bl_idname = "object.report_drop_to_floor"
    bl_label = "Lift Below-Floor Objects"
    bl_options = {'REGISTER', 'UNDO'}

    def execute(self, context):
        fixed = []
        for obj in context.scene.objects:
            if obj.type != 'MESH':
                continue
            # Lowest world-space corner of the bounding box.
            lowest = min((obj.matrix_world @ Vector(c)).z for c in obj.bound_box)
            if lowest < 0.0:
                obj.location.z -= lowest
                fixed.append(obj.name)

        if not fixed:
            self.report({'WARNING'}, "Nothing below the floor")
            return {'CANCELLED'}      # no undo step is pushed
        self.report({'INFO'}, "Lifted: " + ", ".join(fixed))
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_report_drop_to_floor)

bpy.ops.mesh.primitive_cube_add(location=(0, 0, -0.4))
bpy.ops.mesh.primitive_cylinder_add(location=(3, 0, 2))

print("first run:", bpy.ops.object.report_drop_to_floor())    # {'FINISHED'}
print("second run:", bpy.ops.object.report_drop_to_floor())   # {'CANCELLED'} + warning
for obj in bpy.context.scene.objects:
    print(obj.name, round(obj.location.z, 3))

bpy.utils.unregister_class(OBJECT_OT_report_drop_to_floor)
