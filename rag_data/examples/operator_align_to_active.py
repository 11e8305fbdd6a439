# title: Operator that uses the active object and the other selected objects
# shows: Polls on context.active_object and len(context.selected_objects), moves every other selected object to the active one's X/Y/Z (an EnumProperty with options={'ENUM_FLAG'} picks the axes), then makes the last object active through context.view_layer.objects.active.
# tags: operator, active_object, selected_objects, view_layer, objects.active, ENUM_FLAG, align, poll
# blender: 4.2

import bpy


class OBJECT_OT_align_to_active_axes(bpy.types.Operator):
    """Align selected objects to the active object on the chosen axes"""
    bl_idname = "object.align_to_active_axes"
    bl_label = "Align to Active"
    bl_options = {'REGISTER', 'UNDO'}

    axes: bpy.props.EnumProperty(
        name="Axes",
        items=[('X', "X", ""), ('Y', "Y", ""), ('Z', "Z", "")],
        options={'ENUM_FLAG'},          # value is a set, e.g. {'X', 'Z'}
        default={'Z'},
    )
    activate_last: bpy.props.BoolProperty(name="Activate Last", default=False)

    @classmethod
    def poll(cls, context):
        return (context.mode == 'OBJECT' and context.active_object is not None
                and len(context.selected_objects) > 1)

    def execute(self, context):
        active = context.active_object
        others = [o for o in context.selected_objects if o is not active]
        for obj in others:
            for i, axis in enumerate("XYZ"):
                if axis in self.axes:
                    obj.location[i] = active.location[i]
        if self.activate_last and others:
            context.view_layer.objects.active = others[-1]
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_align_to_active_axes)

for i in range(5):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.3, location=(i, i * 0.5, i * 0.7))
target = bpy.context.scene.objects["Sphere.002"]

bpy.ops.object.select_all(action='SELECT')
bpy.context.view_layer.objects.active = target
print("poll ok:", bpy.ops.object.align_to_active_axes.poll())

bpy.ops.object.align_to_active_axes(axes={'Y', 'Z'}, activate_last=True)
print("active now:", bpy.context.view_layer.objects.active.name)
print([tuple(round(c, 2) for c in o.location) for o in bpy.context.scene.objects])

bpy.utils.unregister_class(OBJECT_OT_align_to_active_axes)
