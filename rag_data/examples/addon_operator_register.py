# title: Define, register and call a custom operator
# shows: Subclasses bpy.types.Operator with bl_idname/bl_label/bl_options, typed properties (IntProperty, FloatProperty), poll and execute, registers it with bpy.utils.register_class and calls it through bpy.ops.
# tags: operator, register_class, bpy.props, addon, execute, poll
# blender: 4.2

import bpy


class OBJECT_OT_add_cube_stack(bpy.types.Operator):
    """Add a vertical stack of cubes"""
    bl_idname = "object.add_cube_stack"
    bl_label = "Add Cube Stack"
    bl_options = {'REGISTER', 'UNDO'}

    count: bpy.props.IntProperty(name="Count", default=3, min=1, max=50)
    size: bpy.props.FloatProperty(name="Size", default=0.5, min=0.01, subtype='DISTANCE')

    @classmethod
    def poll(cls, context):
        return context.mode == 'OBJECT'

    def execute(self, context):
        for i in range(self.count):
            bpy.ops.mesh.primitive_cube_add(size=self.size, location=(0, 0, self.size * (i + 0.5)))
        self.report({'INFO'}, f"Added {self.count} cubes")
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_add_cube_stack)
result = bpy.ops.object.add_cube_stack(count=4, size=0.4)   # bl_idname "object.add_cube_stack"
print(result, len(bpy.context.scene.objects), "objects")
bpy.utils.unregister_class(OBJECT_OT_add_cube_stack)
