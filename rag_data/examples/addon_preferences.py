# title: Add-on preferences with AddonPreferences
# shows: Defines an AddonPreferences subclass (bl_idname = the add-on's module name, properties, draw for the Preferences window), reads it via context.preferences.addons[__name__].preferences from an operator, and enables/disables the add-on with addon_utils so the lookup works; the add-on source is written to a temporary folder on sys.path.
# tags: addon, AddonPreferences, preferences, addon_utils, enable, bl_idname, __package__
# blender: 4.2

import os
import sys
import tempfile
import textwrap
import addon_utils
import bpy

ADDON_SOURCE = textwrap.dedent('''
    bl_info = {"name": "Prefs Demo", "blender": (4, 2, 0), "category": "Object"}

    import bpy


    class PrefsDemoPreferences(bpy.types.AddonPreferences):
        # Must match the add-on's module name. In a package add-on or extension
        # (bl_ext.user_default.name) use __package__ instead of __name__.
        bl_idname = __name__

        default_size: bpy.props.FloatProperty(name="Default Size", default=0.75, min=0.01)
        use_bevel: bpy.props.BoolProperty(name="Bevel New Cubes", default=True)

        def draw(self, context):
            layout = self.layout
            layout.prop(self, "default_size")
            layout.prop(self, "use_bevel")


    def get_prefs(context):
        return context.preferences.addons[__name__].preferences


    class OBJECT_OT_prefs_demo_add(bpy.types.Operator):
        bl_idname = "object.prefs_demo_add"
        bl_label = "Add Cube (Preferences Size)"
        bl_options = {'REGISTER', 'UNDO'}

        def execute(self, context):
            prefs = get_prefs(context)
            bpy.ops.mesh.primitive_cube_add(size=prefs.default_size)
            if prefs.use_bevel:
                context.object.modifiers.new("Bevel", 'BEVEL').width = prefs.default_size * 0.1
            return {'FINISHED'}


    classes = (PrefsDemoPreferences, OBJECT_OT_prefs_demo_add)


    def register():
        for cls in classes:
            bpy.utils.register_class(cls)


    def unregister():
        for cls in reversed(classes):
            bpy.utils.unregister_class(cls)
''')

module_name = "prefs_demo_addon"
with tempfile.TemporaryDirectory() as folder:
    with open(os.path.join(folder, module_name + ".py"), "w") as fh:
        fh.write(ADDON_SOURCE)
    sys.path.insert(0, folder)
    try:
        # default_set=True also records it as enabled in the user preferences.
        addon_utils.enable(module_name, default_set=True)

        prefs = bpy.context.preferences.addons[module_name].preferences
        print("default size:", prefs.default_size)
        prefs.default_size = 1.5                  # as if changed in Edit > Preferences > Add-ons
        bpy.ops.object.prefs_demo_add()
        print("cube size:", bpy.context.object.dimensions.x, "modifiers:", len(bpy.context.object.modifiers))
    finally:
        addon_utils.disable(module_name, default_set=True)
        sys.path.remove(folder)
        sys.modules.pop(module_name, None)
