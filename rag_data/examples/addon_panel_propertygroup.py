# title: Scene settings with a PropertyGroup and a sidebar Panel
# shows: Defines a PropertyGroup (float, enum, colour properties), attaches it with PointerProperty to bpy.types.Scene, declares a VIEW_3D sidebar Panel whose draw() uses layout.prop, and registers/unregisters the classes.
# tags: panel, propertygroup, pointerproperty, ui, layout, addon, register
# blender: 4.2

import bpy


class TerrainSettings(bpy.types.PropertyGroup):
    height: bpy.props.FloatProperty(name="Height", default=1.0, min=0.0)
    style: bpy.props.EnumProperty(name="Style", items=[
        ('HILLS', "Hills", "Soft rolling hills"),
        ('PEAKS', "Peaks", "Sharp mountains"),
    ], default='HILLS')
    tint: bpy.props.FloatVectorProperty(name="Tint", subtype='COLOR', size=4,
                                        default=(0.3, 0.6, 0.2, 1.0), min=0.0, max=1.0)


class VIEW3D_PT_terrain(bpy.types.Panel):
    bl_label = "Terrain"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'        # the N sidebar
    bl_category = "Terrain"

    def draw(self, context):
        settings = context.scene.terrain
        col = self.layout.column()
        col.prop(settings, "height")
        col.prop(settings, "style", expand=True)
        col.prop(settings, "tint")


classes = (TerrainSettings, VIEW3D_PT_terrain)
for cls in classes:
    bpy.utils.register_class(cls)
bpy.types.Scene.terrain = bpy.props.PointerProperty(type=TerrainSettings)

# Use the settings like any other scene property.
settings = bpy.context.scene.terrain
settings.height = 0.6
settings.style = 'PEAKS'
bpy.ops.mesh.primitive_grid_add(x_subdivisions=16, y_subdivisions=16, size=4)
for v in bpy.context.object.data.vertices:
    v.co.z = settings.height * max(0.0, 1.0 - v.co.length / 2) ** (2 if settings.style == 'PEAKS' else 1)

del bpy.types.Scene.terrain
for cls in reversed(classes):
    bpy.utils.unregister_class(cls)
