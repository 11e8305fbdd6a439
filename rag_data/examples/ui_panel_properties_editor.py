# title: Panel in the Properties editor on the Object tab with property split
# shows: Places a Panel in the Properties editor (bl_space_type 'PROPERTIES', bl_region_type 'WINDOW', bl_context 'object'), turns on layout.use_property_split and use_property_decorate for label-left/value-right columns, and draws registered Object properties.
# tags: panel, properties editor, bl_context, use_property_split, use_property_decorate, ui, layout
# blender: 4.2

import bpy


class OBJECT_PT_properties_editor_demo(bpy.types.Panel):
    bl_label = "Export Settings"
    bl_idname = "OBJECT_PT_properties_editor_demo"
    bl_space_type = 'PROPERTIES'
    bl_region_type = 'WINDOW'
    bl_context = "object"           # tab: "object", "data", "material", "scene", "render", "world", ...
    bl_options = {'DEFAULT_CLOSED'}

    def draw(self, context):
        layout = self.layout
        layout.use_property_split = True      # labels in a left column, like Blender's own panels
        layout.use_property_decorate = False  # no keyframe dots on the right

        obj = context.object
        col = layout.column()
        col.prop(obj, "export_include")
        col.prop(obj, "export_lod_bias")
        col.prop(obj, "export_tag")

        # Heading groups checkboxes under one label in the left column.
        col = layout.column(heading="Visibility")
        col.prop(obj, "hide_render", text="Hide in Render")
        col.prop(obj, "hide_select", text="Not Selectable")


def register():
    bpy.types.Object.export_include = bpy.props.BoolProperty(name="Include", default=True)
    bpy.types.Object.export_lod_bias = bpy.props.FloatProperty(name="LOD Bias", default=1.0, min=0.1, max=4.0)
    bpy.types.Object.export_tag = bpy.props.StringProperty(name="Tag", default="prop")
    bpy.utils.register_class(OBJECT_PT_properties_editor_demo)


def unregister():
    bpy.utils.unregister_class(OBJECT_PT_properties_editor_demo)
    del bpy.types.Object.export_tag
    del bpy.types.Object.export_lod_bias
    del bpy.types.Object.export_include


register()

bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.4, depth=1.5)
crate = bpy.context.object
crate.export_lod_bias = 2.0
crate.export_tag = "barrel"
print(crate.name, "include:", crate.export_include, "lod:", crate.export_lod_bias, "tag:", crate.export_tag)

unregister()
