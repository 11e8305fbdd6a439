# title: Scene property pointing at an object, filtered with a poll function
# shows: Adds PointerProperty(type=bpy.types.Object, poll=fn) to bpy.types.Scene so the picker only offers mesh objects, draws it with layout.prop in a panel, uses the chosen object to parent copies to it, and shows that the poll only filters the UI (Python assignment is not checked).
# tags: PointerProperty, poll, Object, Scene, data-block pointer, bpy.props, panel
# blender: 4.2

import bpy


def only_meshes(self, obj):
    # self: the Scene owning the property; obj: a candidate shown in the drop-down.
    return obj.type == 'MESH'


class VIEW3D_PT_pointer_poll_demo(bpy.types.Panel):
    bl_label = "Orbit Target"
    bl_idname = "VIEW3D_PT_pointer_poll_demo"
    bl_space_type = 'VIEW_3D'
    bl_region_type = 'UI'
    bl_category = "Orbit"

    def draw(self, context):
        layout = self.layout
        layout.prop(context.scene, "orbit_target_demo", text="Target", icon='OBJECT_DATA')


def register():
    bpy.types.Scene.orbit_target_demo = bpy.props.PointerProperty(
        name="Orbit Target", type=bpy.types.Object, poll=only_meshes,
        description="Mesh the satellites are parented to",
    )
    bpy.utils.register_class(VIEW3D_PT_pointer_poll_demo)


def unregister():
    bpy.utils.unregister_class(VIEW3D_PT_pointer_poll_demo)
    del bpy.types.Scene.orbit_target_demo


register()

scene = bpy.context.scene
bpy.ops.object.empty_add(location=(0, 0, 3))
bpy.ops.mesh.primitive_uv_sphere_add(radius=1.0)
planet = bpy.context.object

print("empty allowed:", only_meshes(scene, scene.objects["Empty"]), "sphere allowed:", only_meshes(scene, planet))

# poll only filters the UI picker; Python assignment is not checked, so validate yourself.
scene.orbit_target_demo = scene.objects["Empty"]
print("assigned from Python anyway:", scene.orbit_target_demo.name)
scene.orbit_target_demo = planet

for i in range(3):
    bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=1, radius=0.2, location=(2 + i, 0, 0))
    moon = bpy.context.object
    moon.parent = scene.orbit_target_demo
print("children of target:", [c.name for c in scene.orbit_target_demo.children])

unregister()
