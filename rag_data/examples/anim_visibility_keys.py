# title: Keyframe object visibility and a custom property
# shows: Animates hide_render and hide_viewport so an object pops in at a frame, and keyframes a custom property with a bracketed data path '["key"]'.
# tags: animation, visibility, hide_render, custom property, keyframe
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_monkey_add()
monkey = bpy.context.object

# Hidden until frame 10.
monkey.hide_render = monkey.hide_viewport = True
monkey.keyframe_insert("hide_render", frame=1)
monkey.keyframe_insert("hide_viewport", frame=1)
monkey.hide_render = monkey.hide_viewport = False
monkey.keyframe_insert("hide_render", frame=10)
monkey.keyframe_insert("hide_viewport", frame=10)

# Custom properties are animated through their ID-property path.
monkey["power"] = 0.0
monkey.keyframe_insert('["power"]', frame=1)
monkey["power"] = 1.0
monkey.keyframe_insert('["power"]', frame=30)

bpy.context.scene.frame_set(15)
print("power at 15:", round(monkey["power"], 3), "visible:", not monkey.hide_render)
