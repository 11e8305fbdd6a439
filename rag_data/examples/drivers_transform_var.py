# title: Driver with a Transform Channel variable (gear ratio)
# shows: Uses a TRANSFORMS driver variable (transform_type ROT_Z, transform_space WORLD_SPACE) so a small gear rotates twice as fast as a big one, combined in a scripted expression.
# tags: drivers, transform channel, variables, rotation, gears, rigging
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=24, radius=1.0, depth=0.2)
big = bpy.context.object
big.name = "BigGear"
bpy.ops.mesh.primitive_cylinder_add(vertices=12, radius=0.5, depth=0.2, location=(1.5, 0, 0))
small = bpy.context.object
small.name = "SmallGear"

drv = small.driver_add("rotation_euler", 2).driver
drv.type = 'SCRIPTED'
rot = drv.variables.new()
rot.name = "big_rot"
rot.type = 'TRANSFORMS'
target = rot.targets[0]
target.id = big
target.transform_type = 'ROT_Z'
target.transform_space = 'WORLD_SPACE'
target.rotation_mode = 'AUTO'
drv.expression = "-big_rot * 2"   # opposite direction, double speed

big.rotation_euler.z = math.radians(30)
bpy.context.view_layer.update()
print("small gear angle:", round(math.degrees(small.rotation_euler.z), 1))
