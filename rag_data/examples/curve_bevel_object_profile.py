# title: Sweep a custom profile along a path with bevel_object
# shows: Uses a closed 2D curve as the cross-section (bevel_mode OBJECT, bevel_object) of a circular path to make a moulding ring, then converts it to a mesh.
# tags: curve, bevel object, profile, sweep, convert to mesh
# blender: 4.2

import bpy

# Cross-section: a small closed poly square with a notch.
prof_data = bpy.data.curves.new("Profile", type='CURVE')
spline = prof_data.splines.new('POLY')
shape = [(-0.1, -0.1), (0.1, -0.1), (0.1, 0.05), (0.0, 0.1), (-0.1, 0.05)]
spline.points.add(len(shape) - 1)
for p, (x, y) in zip(spline.points, shape):
    p.co = (x, y, 0.0, 1.0)
spline.use_cyclic_u = True
profile = bpy.data.objects.new("Profile", prof_data)
bpy.context.collection.objects.link(profile)

bpy.ops.curve.primitive_bezier_circle_add(radius=1.5)
ring = bpy.context.object
ring.name = "Moulding"
ring.data.bevel_mode = 'OBJECT'
ring.data.bevel_object = profile
ring.data.use_fill_caps = False

# Bake the swept surface into a mesh object (curve data is left untouched).
depsgraph = bpy.context.evaluated_depsgraph_get()
mesh = bpy.data.meshes.new_from_object(ring.evaluated_get(depsgraph))
baked = bpy.data.objects.new("MouldingMesh", mesh)
baked.location.x = 4.0
bpy.context.collection.objects.link(baked)
print("mesh vertices:", len(mesh.vertices))
