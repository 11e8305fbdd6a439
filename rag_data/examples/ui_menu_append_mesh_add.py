# title: Add an operator to the Add > Mesh menu by appending a draw function
# shows: Writes a menu draw function (self, context) that adds layout.operator entries and attaches it to an existing Blender menu with bpy.types.VIEW3D_MT_mesh_add.append(func), removing it in unregister with .remove(func); the operator is then called directly.
# tags: menu, append, VIEW3D_MT_mesh_add, operator, register, unregister, add mesh
# blender: 4.2

import math
import bpy
import bmesh


class MESH_OT_menu_append_add_star(bpy.types.Operator):
    """Add a flat star-shaped mesh"""
    bl_idname = "mesh.menu_append_add_star"
    bl_label = "Star"
    bl_options = {'REGISTER', 'UNDO'}

    points: bpy.props.IntProperty(name="Points", default=5, min=3, max=32)
    outer: bpy.props.FloatProperty(name="Outer Radius", default=1.0, min=0.01)
    inner: bpy.props.FloatProperty(name="Inner Radius", default=0.4, min=0.01)

    def execute(self, context):
        mesh = bpy.data.meshes.new("Star")
        bm = bmesh.new()
        verts = []
        for i in range(self.points * 2):
            r = self.outer if i % 2 == 0 else self.inner
            a = math.pi * i / self.points
            verts.append(bm.verts.new((r * math.sin(a), r * math.cos(a), 0.0)))
        bm.faces.new(verts)
        bm.to_mesh(mesh)
        bm.free()

        obj = bpy.data.objects.new("Star", mesh)
        context.collection.objects.link(obj)
        obj.location = context.scene.cursor.location
        for other in context.selected_objects:
            other.select_set(False)
        obj.select_set(True)
        context.view_layer.objects.active = obj
        return {'FINISHED'}


def draw_star_entry(self, context):
    # "self" is the menu; its layout is where Blender's own entries were drawn.
    layout = self.layout
    layout.separator()
    layout.operator(MESH_OT_menu_append_add_star.bl_idname, text="Star", icon='SOLO_OFF')


def register():
    bpy.utils.register_class(MESH_OT_menu_append_add_star)
    bpy.types.VIEW3D_MT_mesh_add.append(draw_star_entry)     # .prepend() puts it at the top


def unregister():
    bpy.types.VIEW3D_MT_mesh_add.remove(draw_star_entry)
    bpy.utils.unregister_class(MESH_OT_menu_append_add_star)


register()

bpy.ops.mesh.menu_append_add_star(points=6, inner=0.5)
star = bpy.context.active_object
star.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.1
print(star.name, len(star.data.vertices), "verts")

unregister()
