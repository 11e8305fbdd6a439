# title: Register a keyboard shortcut for an operator in the add-on keyconfig
# shows: Adds a keymap with context.window_manager.keyconfigs.addon.keymaps.new(name="Object Mode", space_type='EMPTY'), binds Ctrl+Shift+R with km.keymap_items.new(idname, type, value, ctrl=, shift=), sets operator properties on kmi.properties, keeps (km, kmi) pairs and removes them in unregister.
# tags: keymap, shortcut, keyconfigs, addon, keymap_items, hotkey, register, unregister
# blender: 4.2

import math
import random
import bpy


class OBJECT_OT_keymap_demo_randomize(bpy.types.Operator):
    """Randomly rotate the selected objects about Z"""
    bl_idname = "object.keymap_demo_randomize"
    bl_label = "Random Spin"
    bl_options = {'REGISTER', 'UNDO'}

    amount: bpy.props.FloatProperty(name="Amount", default=math.pi, subtype='ANGLE')
    seed: bpy.props.IntProperty(name="Seed", default=0)

    def execute(self, context):
        rng = random.Random(self.seed)
        for obj in context.selected_objects:
            obj.rotation_euler.z += rng.uniform(-self.amount, self.amount)
        return {'FINISHED'}


addon_keymaps = []   # (keymap, item) pairs to undo in unregister()


def register():
    bpy.utils.register_class(OBJECT_OT_keymap_demo_randomize)

    wm = bpy.context.window_manager
    kc = wm.keyconfigs.addon          # may be None in background mode; always check
    if kc is None:
        return
    # name/space_type must match an existing keymap ("3D View", "Object Mode", "Mesh", ...).
    km = kc.keymaps.new(name="Object Mode", space_type='EMPTY')
    kmi = km.keymap_items.new(OBJECT_OT_keymap_demo_randomize.bl_idname,
                              type='R', value='PRESS', ctrl=True, shift=True)
    kmi.properties.amount = 0.5        # values the shortcut passes to the operator
    addon_keymaps.append((km, kmi))


def unregister():
    for km, kmi in addon_keymaps:
        km.keymap_items.remove(kmi)
    addon_keymaps.clear()
    bpy.utils.unregister_class(OBJECT_OT_keymap_demo_randomize)


register()

for km, kmi in addon_keymaps:
    print(km.name, "->", kmi.idname, kmi.to_string(), "amount:", round(kmi.properties.amount, 2))

for i in range(4):
    bpy.ops.mesh.primitive_cube_add(size=0.6, location=(i, 0, 0))
bpy.ops.object.select_all(action='SELECT')
bpy.ops.object.keymap_demo_randomize(amount=0.5, seed=3)   # what the shortcut runs

unregister()
