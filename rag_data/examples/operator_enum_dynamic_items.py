# title: EnumProperty with static items and a dynamic items callback
# shows: Declares an EnumProperty with a fixed items list (identifier, name, description, icon, number) and one whose items come from a callback(self, context) listing the scene's materials, keeping the returned list alive in a module variable, then calls the operator with values from both.
# tags: operator, enumproperty, items callback, dynamic enum, bpy.props, material
# blender: 4.2

import bpy

# Blender does not keep the strings returned by an items callback alive;
# store the list in Python or labels may turn to garbage in the UI.
_material_items = []


def material_items(self, context):
    _material_items.clear()
    for i, mat in enumerate(bpy.data.materials):
        _material_items.append((mat.name, mat.name, f"Assign {mat.name}", 'MATERIAL', i))
    if not _material_items:
        _material_items.append(('NONE', "No Materials", "", 'ERROR', 0))
    return _material_items


class OBJECT_OT_dynamic_enum_assign(bpy.types.Operator):
    """Add a primitive and assign a chosen material"""
    bl_idname = "object.dynamic_enum_assign"
    bl_label = "Add With Material"
    bl_options = {'REGISTER', 'UNDO'}
    bl_property = "material"    # used by invoke_search_popup / the F3-style enum search

    shape: bpy.props.EnumProperty(
        name="Shape",
        items=[
            ('CUBE', "Cube", "Add a cube", 'MESH_CUBE', 0),
            ('SPHERE', "Sphere", "Add a UV sphere", 'MESH_UVSPHERE', 1),
            ('CONE', "Cone", "Add a cone", 'MESH_CONE', 2),
        ],
        default='CUBE',
    )
    material: bpy.props.EnumProperty(name="Material", items=material_items)

    def invoke(self, context, event):
        context.window_manager.invoke_search_popup(self)
        return {'RUNNING_MODAL'}

    def execute(self, context):
        add = {
            'CUBE': bpy.ops.mesh.primitive_cube_add,
            'SPHERE': bpy.ops.mesh.primitive_uv_sphere_add,
            'CONE': bpy.ops.mesh.primitive_cone_add,
        }[self.shape]
        add(location=(len(context.scene.objects) * 2.5, 0, 0))
        mat = bpy.data.materials.get(self.material)
        if mat is not None:
            context.object.data.materials.append(mat)
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_dynamic_enum_assign)

for name, color in (("Red", (0.8, 0.1, 0.1, 1)), ("Green", (0.1, 0.7, 0.2, 1))):
    bpy.data.materials.new(name).diffuse_color = color

bpy.ops.object.dynamic_enum_assign(shape='SPHERE', material="Green")
bpy.ops.object.dynamic_enum_assign(shape='CONE', material="Red")
for obj in bpy.context.scene.objects:
    print(obj.name, [m.name for m in obj.data.materials])

bpy.utils.unregister_class(OBJECT_OT_dynamic_enum_assign)
