# title: Turn a curve into a pipe with bevel depth
# shows: Uses an operator-added Bezier curve, then sets bevel_mode ROUND, bevel_depth, bevel_resolution and use_fill_caps to render it as a round pipe.
# tags: curve, bevel, pipe, tube, bevel_depth
# blender: 4.2

import bpy

bpy.ops.curve.primitive_bezier_curve_add()
pipe = bpy.context.object
pipe.name = "Pipe"

data = pipe.data
data.dimensions = '3D'
data.bevel_mode = 'ROUND'
data.bevel_depth = 0.1        # radius of the tube
data.bevel_resolution = 6     # roundness of the cross-section
data.use_fill_caps = True     # close the ends

# Lift one end to make it 3D.
data.splines[0].bezier_points[1].co.z = 1.0
