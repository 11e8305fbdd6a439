# title: Create hair curves (the Curves data type) from Python
# shows: Builds a Curves datablock with bpy.data.hair_curves.new, adds strands with add_curves(sizes), writes point positions and a per-point "radius" attribute, and links it as a CURVES object.
# tags: curves, hair curves, add_curves, attributes, strands, geometry
# blender: 4.2

import math
import random
import bpy

random.seed(1)
strands, points_per = 60, 6
hair = bpy.data.hair_curves.new("Fur")
hair.add_curves([points_per] * strands)     # one size per new curve

# Plant strands on a small disc and bend them outward as they grow.
for c, curve in enumerate(hair.curves):
    a = random.uniform(0, 2 * math.pi)
    r = random.uniform(0, 0.5)
    root = (r * math.cos(a), r * math.sin(a))
    for i, point in enumerate(curve.points):   # points of this curve only
        t = i / (points_per - 1)
        point.position = (root[0] * (1 + t), root[1] * (1 + t), t * 0.6)
        point.radius = 0.01 * (1 - 0.8 * t)

hair_obj = bpy.data.objects.new("Fur", hair)
bpy.context.collection.objects.link(hair_obj)
print("curves:", len(hair.curves), "points:", len(hair.points),
      "attributes:", sorted(a.name for a in hair.attributes if not a.name.startswith(".")))
