# title: Operator that asks for its settings in a dialog before running
# shows: Implements invoke(self, context, event) returning context.window_manager.invoke_props_dialog(self, width=...) so the user edits the operator properties first, a custom draw(self, context) for the dialog layout, and execute; from a script the operator runs directly with keyword arguments.
# tags: operator, invoke, invoke_props_dialog, dialog, draw, window_manager, execute
# blender: 4.2

import bpy
from mathutils import Vector


class OBJECT_OT_props_dialog_array(bpy.types.Operator):
    """Duplicate the active object in a grid"""
    bl_idname = "object.props_dialog_array"
    bl_label = "Grid Duplicate"
    bl_options = {'REGISTER', 'UNDO'}

    columns: bpy.props.IntProperty(name="Columns", default=3, min=1, max=20)
    rows: bpy.props.IntProperty(name="Rows", default=2, min=1, max=20)
    spacing: bpy.props.FloatProperty(name="Spacing", default=2.5, min=0.0, subtype='DISTANCE')
    linked: bpy.props.BoolProperty(name="Linked Data", default=True,
                                   description="Share the mesh instead of copying it")

    @classmethod
    def poll(cls, context):
        return context.active_object is not None

    def invoke(self, context, event):
        # Opens a popup with the properties; OK calls execute().
        return context.window_manager.invoke_props_dialog(self, width=300)

    def draw(self, context):
        # Optional: without draw() the dialog lists all properties automatically.
        layout = self.layout
        layout.use_property_split = True
        col = layout.column(align=True)
        col.prop(self, "columns")
        col.prop(self, "rows")
        layout.prop(self, "spacing")
        layout.prop(self, "linked")

    def execute(self, context):
        src = context.active_object
        for c in range(self.columns):
            for r in range(self.rows):
                if c == 0 and r == 0:
                    continue
                dup = src.copy()
                if not self.linked:
                    dup.data = src.data.copy()
                dup.location = src.location + Vector((c * self.spacing, r * self.spacing, 0))
                context.collection.objects.link(dup)
        self.report({'INFO'}, f"Made {self.columns * self.rows - 1} copies")
        return {'FINISHED'}


def register():
    bpy.utils.register_class(OBJECT_OT_props_dialog_array)


def unregister():
    bpy.utils.unregister_class(OBJECT_OT_props_dialog_array)


register()

bpy.ops.mesh.primitive_cone_add(radius1=0.6, depth=1.2)
# In the UI (menu, button, F3 search) Blender calls invoke() and the dialog appears.
# 'EXEC_DEFAULT' (the default from Python) skips invoke and runs execute() with these values.
bpy.ops.object.props_dialog_array(columns=4, rows=3, spacing=1.5)
print("objects:", len(bpy.context.scene.objects))

unregister()
