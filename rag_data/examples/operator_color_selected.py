# title: Operator with a colour property applied to all selected objects
# shows: Uses FloatVectorProperty(subtype='COLOR', size=4, min=0, max=1) as an operator option, polls on context.selected_objects, loops over the selection to give each mesh its own material with that viewport/base colour, and reports the count.
# tags: operator, FloatVectorProperty, COLOR, selected_objects, material, poll, report
# blender: 4.2

import bpy


class OBJECT_OT_color_selected_tint(bpy.types.Operator):
    """Give every selected mesh a material with the chosen colour"""
    bl_idname = "object.color_selected_tint"
    bl_label = "Tint Selected"
    bl_options = {'REGISTER', 'UNDO'}

    color: bpy.props.FloatVectorProperty(
        name="Color", subtype='COLOR', size=4,          # size=4 adds alpha; size=3 is RGB only
        default=(1.0, 0.5, 0.1, 1.0), min=0.0, max=1.0,
    )
    roughness: bpy.props.FloatProperty(name="Roughness", default=0.4, min=0.0, max=1.0, subtype='FACTOR')

    @classmethod
    def poll(cls, context):
        return any(o.type == 'MESH' for o in context.selected_objects)

    def execute(self, context):
        count = 0
        for obj in context.selected_objects:
            if obj.type != 'MESH':
                continue
            mat = bpy.data.materials.new(f"{obj.name}_tint")
            mat.use_nodes = True
            bsdf = mat.node_tree.nodes["Principled BSDF"]
            bsdf.inputs["Base Color"].default_value = self.color
            bsdf.inputs["Roughness"].default_value = self.roughness
            mat.diffuse_color = self.color          # solid-mode viewport colour
            obj.data.materials.clear()
            obj.data.materials.append(mat)
            count += 1
        self.report({'INFO'}, f"Tinted {count} object(s)")
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_color_selected_tint)

for x in range(4):
    bpy.ops.mesh.primitive_cube_add(size=0.8, location=(x * 1.2, 0, 0))
bpy.ops.object.light_add(type='POINT', location=(0, 0, 3))   # selected too, but skipped (not a mesh)

for obj in bpy.context.scene.objects:
    obj.select_set(obj.type == 'LIGHT' or obj.location.x < 2.0)

bpy.ops.object.color_selected_tint(color=(0.2, 0.4, 1.0, 1.0))
for obj in bpy.context.scene.objects:
    if obj.type == 'MESH':
        print(obj.name, obj.active_material.name if obj.active_material else None)

bpy.utils.unregister_class(OBJECT_OT_color_selected_tint)
