# title: Ray cast against the scene and against one object
# shows: Uses scene.ray_cast with the evaluated depsgraph to find what is below a point, and obj.ray_cast in local space, then drops a marker at each hit.
# tags: raycast, ray_cast, depsgraph, hit test, placement, mathutils
# blender: 4.2

import bpy
from mathutils import Vector

bpy.ops.mesh.primitive_grid_add(x_subdivisions=20, y_subdivisions=20, size=6)
ground = bpy.context.object
ground.modifiers.new("Hills", 'DISPLACE').texture = bpy.data.textures.new("H", 'CLOUDS')

scene = bpy.context.scene
depsgraph = bpy.context.evaluated_depsgraph_get()

# Scene ray cast: hits evaluated geometry (modifiers included).
for x in (-2.0, 0.0, 2.0):
    origin = Vector((x, 0.5, 10.0))
    hit, location, normal, index, obj, matrix = scene.ray_cast(
        depsgraph, origin, Vector((0, 0, -1)))
    if hit:
        bpy.ops.mesh.primitive_cone_add(radius1=0.1, depth=0.3,
                                        location=location + normal * 0.15)
        print("hit", obj.name, "at", tuple(round(c, 2) for c in location))

# Object ray cast works in the object's local space.
inv = ground.matrix_world.inverted()
origin_local = inv @ Vector((1.0, -1.0, 10.0))
direction_local = inv.to_3x3() @ Vector((0, 0, -1))
ok, loc, nor, face = ground.ray_cast(origin_local, direction_local, depsgraph=depsgraph)
print("object ray hit face", face, "at", tuple(round(c, 2) for c in ground.matrix_world @ loc) if ok else None)
