# title: Read keyframes through Blender 4.4 slotted actions
# shows: Inserts keys, then walks action.layers -> strips -> channelbag(slot) -> fcurves (the 4.4 layered action API), falling back to action.fcurves on older versions.
# tags: animation, action, slots, channelbag, fcurves, 4.4
# blender: 4.4

import bpy

bpy.ops.mesh.primitive_cone_add()
cone = bpy.context.object
for frame, x in ((1, 0.0), (20, 2.0)):
    cone.location.x = x
    cone.keyframe_insert("location", frame=frame)

anim = cone.animation_data
action = anim.action

if hasattr(action, "slots"):                   # 4.4+: actions have slots and layers
    slot = anim.action_slot                    # which slot this object uses
    print("slot:", slot.identifier)
    strip = action.layers[0].strips[0]
    channelbag = strip.channelbag(slot)
    fcurves = channelbag.fcurves
else:                                          # 4.2/4.3: flat list on the action
    fcurves = action.fcurves

for fc in fcurves:
    keys = [tuple(round(v, 2) for v in kp.co) for kp in fc.keyframe_points]
    print(fc.data_path, fc.array_index, keys)
