# title: Reduce polygon count with the Decimate modifier
# shows: Compares the three Decimate modes (COLLAPSE with ratio, UNSUBDIV with iterations, DISSOLVE with angle_limit) on three spheres and prints face counts.
# tags: modifier, decimate, polygon reduction, lod, optimization
# blender: 4.2

import math
import bpy

settings = [
    ("COLLAPSE", {"ratio": 0.2}),
    ("UNSUBDIV", {"iterations": 2}),
    ("DISSOLVE", {"angle_limit": math.radians(10)}),
]

depsgraph = bpy.context.evaluated_depsgraph_get()
for i, (mode, props) in enumerate(settings):
    # A dense grid works for all modes (UNSUBDIV needs a quad grid topology).
    bpy.ops.mesh.primitive_grid_add(x_subdivisions=32, y_subdivisions=32,
                                    size=2.0, location=(i * 2.5, 0, 0))
    obj = bpy.context.object
    obj.name = "Decimate_" + mode
    dec = obj.modifiers.new(name="Decimate", type='DECIMATE')
    dec.decimate_type = mode
    for key, value in props.items():
        setattr(dec, key, value)

depsgraph.update()
for obj in bpy.context.scene.objects:
    ev = obj.evaluated_get(depsgraph)
    print(obj.name, len(obj.data.polygons), "->", len(ev.data.polygons))
