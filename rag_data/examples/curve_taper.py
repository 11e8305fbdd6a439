# title: Taper a beveled curve with a second taper curve or point radius
# shows: Creates a horn by beveling a curve and shaping the thickness along its length with taper_object; a second curve uses per-point radius instead.
# tags: curve, taper, bevel, radius, horn
# blender: 4.2

import bpy


def make_curve(name, coords):
    data = bpy.data.curves.new(name, type='CURVE')
    data.dimensions = '3D'
    spline = data.splines.new('BEZIER')
    spline.bezier_points.add(len(coords) - 1)
    for bp, co in zip(spline.bezier_points, coords):
        bp.co = co
        bp.handle_left_type = bp.handle_right_type = 'AUTO'
    obj = bpy.data.objects.new(name, data)
    bpy.context.collection.objects.link(obj)
    return obj


# Taper profile: its Y value along X sets the scale along the main curve.
taper = make_curve("TaperProfile", [(0, 0.05, 0), (1, 1.0, 0)])
taper.hide_render = True

horn = make_curve("Horn", [(0, 0, 0), (1, 0, 1), (0.5, 0, 2.5)])
horn.data.bevel_depth = 0.3
horn.data.taper_object = taper
horn.data.use_fill_caps = True

# Per-point radius is the alternative to a taper object.
tusk = make_curve("Tusk", [(2, 0, 0), (2.5, 0, 1), (2, 0, 2)])
tusk.data.bevel_depth = 0.2
for bp, radius in zip(tusk.data.splines[0].bezier_points, (1.0, 0.6, 0.05)):
    bp.radius = radius
