# title: Build a poly curve (polyline) from a list of points
# shows: Adds a POLY spline, fills spline.points with 4D coordinates (x, y, z, w), closes it with use_cyclic_u and extrudes it into a ribbon.
# tags: curve, poly, polyline, spline points, cyclic
# blender: 4.2

import math
import bpy

curve = bpy.data.curves.new("Star", type='CURVE')
curve.dimensions = '2D'
curve.fill_mode = 'BOTH'   # fill the closed 2D shape
curve.extrude = 0.1

spline = curve.splines.new('POLY')
n = 10
spline.points.add(n - 1)
for i, point in enumerate(spline.points):
    r = 1.0 if i % 2 == 0 else 0.45
    a = math.pi / 2 + i * 2 * math.pi / n
    # Poly and NURBS points are 4D: the last value is the weight.
    point.co = (r * math.cos(a), r * math.sin(a), 0.0, 1.0)
spline.use_cyclic_u = True

star = bpy.data.objects.new("Star", curve)
bpy.context.collection.objects.link(star)
