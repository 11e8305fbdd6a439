# title: Data-block selector with template_ID in a material panel
# shows: Draws layout.template_ID(obj, "active_material", new="material.new") to pick, create or unlink a data-block like Blender's own selectors, plus template_ID for a Scene PointerProperty to an Image with an open operator; headless it sets the same pointers from Python.
# tags: panel, ui, template_ID, data-block, material, pointerproperty, image
# blender: 4.2

import bpy


class MATERIAL_PT_template_id_demo(bpy.types.Panel):
    bl_label = "Quick Material"
    bl_idname = "MATERIAL_PT_template_id_demo"
    bl_space_type = 'PROPERTIES'
    bl_region_type = 'WINDOW'
    bl_context = "material"

    @classmethod
    def poll(cls, context):
        return context.object is not None and context.object.type == 'MESH'

    def draw(self, context):
        layout = self.layout
        obj = context.object

        # Browse / name field / new / unlink for the object's active material slot.
        layout.template_ID(obj, "active_material", new="material.new")

        mat = obj.active_material
        if mat is not None:
            layout.prop(mat, "diffuse_color", text="Viewport Color")

        layout.separator()
        # Works for any ID PointerProperty, here an Image on the scene with an Open button.
        layout.template_ID(context.scene, "template_id_demo_image", new="image.new", open="image.open")


def register():
    bpy.types.Scene.template_id_demo_image = bpy.props.PointerProperty(type=bpy.types.Image, name="Decal")
    bpy.utils.register_class(MATERIAL_PT_template_id_demo)


def unregister():
    bpy.utils.unregister_class(MATERIAL_PT_template_id_demo)
    del bpy.types.Scene.template_id_demo_image


register()

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)
ball = bpy.context.object
mat = bpy.data.materials.new("Ball Paint")
mat.diffuse_color = (0.1, 0.5, 0.9, 1.0)
ball.data.materials.append(mat)           # active_material needs a slot to exist
ball.active_material = mat

bpy.context.scene.template_id_demo_image = bpy.data.images.new("Decal", 64, 64)
print("material:", ball.active_material.name, "image:", bpy.context.scene.template_id_demo_image.name)

unregister()
