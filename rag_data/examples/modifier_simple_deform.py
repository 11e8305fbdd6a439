# title: Twist, bend and taper with the Simple Deform modifier
# shows: Creates three tall boxes and applies Simple Deform with TWIST, BEND and TAPER methods, setting angle or factor and deform axis.
# tags: modifier, simple deform, twist, bend, taper
# blender: 4.2

import math
import bpy

for i, method in enumerate(["TWIST", "BEND", "TAPER"]):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(i * 2.0, 0, 1.5),
                                    scale=(0.4, 0.4, 1.5))
    obj = bpy.context.object
    obj.name = method.title() + "Box"
    # Deformers need vertices to bend; add cuts first.
    sub = obj.modifiers.new(name="Cuts", type='SUBSURF')
    sub.subdivision_type = 'SIMPLE'
    sub.levels = 3

    deform = obj.modifiers.new(name="Deform", type='SIMPLE_DEFORM')
    deform.deform_method = method
    deform.deform_axis = 'Z'
    if method == "TAPER":
        deform.factor = 0.8
    else:
        deform.angle = math.radians(90)
