# title: Bend a mesh along a path with the Curve modifier
# shows: Creates a Bezier circle path and a long subdivided cylinder, and deforms the cylinder along the curve with a Curve modifier on the X axis.
# tags: modifier, curve, deform, path, bend
# blender: 4.2

import math
import bpy

# Path: a bezier circle with radius 2.
bpy.ops.curve.primitive_bezier_circle_add(radius=2.0)
path = bpy.context.object
path.name = "Path"

# A long thin cylinder lying along X, with enough cuts to bend smoothly.
bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.2, depth=6.0,
                                    rotation=(0, math.radians(90), 0))
snake = bpy.context.object
snake.name = "Snake"
bpy.ops.object.transform_apply(rotation=True)  # bake the rotation into the mesh
snake.modifiers.new(name="Cuts", type='SUBSURF').subdivision_type = 'SIMPLE'
snake.modifiers["Cuts"].levels = 4

curve_mod = snake.modifiers.new(name="FollowPath", type='CURVE')
curve_mod.object = path
curve_mod.deform_axis = 'POS_X'
