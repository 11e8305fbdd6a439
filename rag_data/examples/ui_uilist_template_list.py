# title: A list of custom items with UIList and template_list
# shows: Stores items in a CollectionProperty of a PropertyGroup plus an active index IntProperty on the Scene, subclasses bpy.types.UIList with draw_item (and filter_items for a name filter), draws it with layout.template_list, and adds/removes/moves items with small operators.
# tags: ui, uilist, template_list, draw_item, collectionproperty, panel, list, operator
# blender: 4.2

import bpy


class WaypointItem(bpy.types.PropertyGroup):
    # "name" is special: UIList filtering and search use it.
    name: bpy.props.StringProperty(name="Name", default="Waypoint")
    co: bpy.props.FloatVectorProperty(name="Position", subtype='TRANSLATION', size=3)
    enabled: bpy.props.BoolProperty(name="Enabled", default=True)


class WAYPOINTS_UL_uilist_demo(bpy.types.UIList):
    def draw_item(self, context, layout, data, item, icon, active_data, active_propname, index):
        if self.layout_type in {'DEFAULT', 'COMPACT'}:
            row = layout.row(align=True)
            row.prop(item, "enabled", text="")
            row.prop(item, "name", text="", emboss=False, icon='EMPTY_SINGLE_ARROW')
        elif self.layout_type == 'GRID':
            layout.alignment = 'CENTER'
            layout.label(text="", icon='EMPTY_SINGLE_ARROW')

    def filter_items(self, context, data, propname):
        items = getattr(data, propname)
        helper = bpy.types.UI_UL_list
        flags = helper.filter_items_by_name(self.filter_name, self.bitflag_filter_item, items, "name")
        order = helper.sort_items_by_name(items, "name") if self.use_filter_sort_alpha else []
        return flags, order


class SCENE_OT_uilist_demo_add(bpy.types.Operator):
    bl_idname = "scene.uilist_demo_add"
    bl_label = "Add Waypoint"
    bl_options = {'REGISTER', 'UNDO'}

    def execute(self, context):
        scene = context.scene
        item = scene.waypoints_demo.add()
        item.name = f"Waypoint {len(scene.waypoints_demo)}"
        item.co = scene.cursor.location
        scene.waypoints_demo_index = len(scene.waypoints_demo) - 1
        return {'FINISHED'}


class SCENE_OT_uilist_demo_remove(bpy.types.Operator):
    bl_idname = "scene.uilist_demo_remove"
    bl_label = "Remove Waypoint"
    bl_options = {'REGISTER', 'UNDO'}

    @classmethod
    def poll(cls, context):
        return len(context.scene.waypoints_demo) > 0

    def execute(self, context):
        scene = context.scene
        scene.waypoints_demo.remove(scene.waypoints_demo_index)
        scene.waypoints_demo_index = min(scene.waypoints_demo_index, len(scene.waypoints_demo) - 1)
        return {'FINISHED'}


class SCENE_OT_uilist_demo_move(bpy.types.Operator):
    bl_idname = "scene.uilist_demo_move"
    bl_label = "Move Waypoint"
    bl_options = {'REGISTER', 'UNDO'}

    direction: bpy.props.EnumProperty(items=[('UP', "Up", ""), ('DOWN', "Down", "")])

    def execute(self, context):
        scene = context.scene
        i = scene.waypoints_demo_index
        j = i - 1 if self.direction == 'UP' else i + 1
        if 0 <= j < len(scene.waypoints_demo):
            scene.waypoints_demo.move(i, j)
            scene.waypoints_demo_index = j
        return {'FINISHED'}


class SCENE_PT_uilist_demo(bpy.types.Panel):
    bl_label = "Waypoints"
    bl_idname = "SCENE_PT_uilist_demo"
    bl_space_type = 'PROPERTIES'
    bl_region_type = 'WINDOW'
    bl_context = "scene"

    def draw(self, context):
        layout = self.layout
        scene = context.scene

        row = layout.row()
        # list type name, list id, data holding the collection, its name, data holding the index, its name
        row.template_list("WAYPOINTS_UL_uilist_demo", "", scene, "waypoints_demo",
                          scene, "waypoints_demo_index", rows=4)

        col = row.column(align=True)
        col.operator("scene.uilist_demo_add", icon='ADD', text="")
        col.operator("scene.uilist_demo_remove", icon='REMOVE', text="")
        col.separator()
        col.operator("scene.uilist_demo_move", icon='TRIA_UP', text="").direction = 'UP'
        col.operator("scene.uilist_demo_move", icon='TRIA_DOWN', text="").direction = 'DOWN'

        if 0 <= scene.waypoints_demo_index < len(scene.waypoints_demo):
            item = scene.waypoints_demo[scene.waypoints_demo_index]
            layout.prop(item, "co")


classes = (WaypointItem, WAYPOINTS_UL_uilist_demo, SCENE_OT_uilist_demo_add,
           SCENE_OT_uilist_demo_remove, SCENE_OT_uilist_demo_move, SCENE_PT_uilist_demo)


def register():
    for cls in classes:
        bpy.utils.register_class(cls)
    bpy.types.Scene.waypoints_demo = bpy.props.CollectionProperty(type=WaypointItem)
    bpy.types.Scene.waypoints_demo_index = bpy.props.IntProperty(name="Active Waypoint", default=0)


def unregister():
    del bpy.types.Scene.waypoints_demo_index
    del bpy.types.Scene.waypoints_demo
    for cls in reversed(classes):
        bpy.utils.unregister_class(cls)


register()

scene = bpy.context.scene
for x in (0.0, 2.0, 4.0):
    scene.cursor.location = (x, x * 0.5, 0.0)
    bpy.ops.scene.uilist_demo_add()
bpy.ops.scene.uilist_demo_move(direction='UP')       # move the last item up one place
print("order:", [w.name for w in scene.waypoints_demo], "active:", scene.waypoints_demo_index)

# Mark each enabled waypoint with a small cube.
for w in scene.waypoints_demo:
    if w.enabled:
        bpy.ops.mesh.primitive_cube_add(size=0.3, location=w.co)

unregister()
