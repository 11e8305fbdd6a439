# title: Drive one property from another with a driver expression
# shows: Adds a driver with driver_add, creates a SINGLE_PROP variable targeting another object's location, and uses a scripted expression; also an expression using the frame.
# tags: drivers, driver_add, expression, variables, animation, rigging
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.3, location=(0, 0, 0))
controller = bpy.context.object
controller.name = "Controller"

bpy.ops.mesh.primitive_cube_add(size=0.5, location=(2, 0, 0))
follower = bpy.context.object

# Driver on the follower's Z scale (index 2).
fcurve = follower.driver_add("scale", 2)
driver = fcurve.driver
driver.type = 'SCRIPTED'

var = driver.variables.new()
var.name = "x"
var.type = 'SINGLE_PROP'
var.targets[0].id = controller           # ID that holds the property
var.targets[0].data_path = "location.x"  # path relative to that ID
driver.expression = "1 + abs(x) * 2"

# A driver that only uses the built-in 'frame' variable.
spin = follower.driver_add("rotation_euler", 2).driver
spin.expression = "frame * 0.05"

controller.location.x = 1.5
bpy.context.view_layer.update()     # drivers evaluate on depsgraph update
print("driven scale z:", round(follower.scale.z, 3))
