# title: Smooth NURBS spline with order and endpoints
# shows: Creates a NURBS spline from weighted points, sets order_u and use_endpoint_u so it touches the ends, and evaluates its length via a mesh conversion.
# tags: curve, nurbs, spline, order, endpoint
# blender: 4.2

import bpy

data = bpy.data.curves.new("Track", type='CURVE')
data.dimensions = '3D'
data.bevel_depth = 0.04

spline = data.splines.new('NURBS')
coords = [(0, 0, 0), (1, 2, 0), (3, 2, 1), (4, 0, 1), (6, 1, 0)]
spline.points.add(len(coords) - 1)
for p, (x, y, z) in zip(spline.points, coords):
    p.co = (x, y, z, 1.0)
spline.points[2].co.w = 4.0   # a heavier weight pulls the curve closer
spline.order_u = 4
spline.use_endpoint_u = True
spline.resolution_u = 16

track = bpy.data.objects.new("Track", data)
bpy.context.collection.objects.link(track)
print("spline length:", round(spline.calc_length(), 3))
