# title: Cut a hole with a Boolean difference modifier
# shows: Uses a cylinder as the cutter object for a Boolean modifier (operation DIFFERENCE, solver EXACT), hides the cutter and applies the result.
# tags: modifier, boolean, difference, cutter, apply
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add(size=2.0)
block = bpy.context.object
block.name = "Block"

bpy.ops.mesh.primitive_cylinder_add(radius=0.5, depth=3.0, vertices=32)
cutter = bpy.context.object
cutter.name = "Cutter"

boolean = block.modifiers.new(name="Hole", type='BOOLEAN')
boolean.operation = 'DIFFERENCE'   # also 'UNION' and 'INTERSECT'
boolean.object = cutter
boolean.solver = 'EXACT'           # 4.4 offers 'FAST' and 'EXACT'

# Hide the cutter from viewport and renders.
cutter.hide_set(True)
cutter.hide_render = True

# Apply the modifier so the hole becomes real geometry.
bpy.context.view_layer.objects.active = block
bpy.ops.object.modifier_apply(modifier=boolean.name)
bpy.data.objects.remove(cutter)
print("faces after boolean:", len(block.data.polygons))
