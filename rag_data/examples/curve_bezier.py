# title: Create a Bezier curve from Python with handles
# shows: Builds a 3D curve datablock, adds a BEZIER spline, sets control point coordinates and AUTO handle types, and links it as an object.
# tags: curve, bezier, spline, handles, bpy.data.curves
# blender: 4.2

import bpy

curve = bpy.data.curves.new("Wave", type='CURVE')
curve.dimensions = '3D'
curve.resolution_u = 24  # samples between control points

spline = curve.splines.new('BEZIER')
points = [(0, 0, 0), (1, 1, 0.5), (2, -1, 1.0), (3, 0, 0.5)]
# A new spline already has one point; add the rest.
spline.bezier_points.add(len(points) - 1)
for bp, co in zip(spline.bezier_points, points):
    bp.co = co
    bp.handle_left_type = 'AUTO'   # 'VECTOR', 'ALIGNED', 'FREE' also exist
    bp.handle_right_type = 'AUTO'

obj = bpy.data.objects.new("Wave", curve)
bpy.context.collection.objects.link(obj)
curve.bevel_depth = 0.05  # give it thickness so it renders
