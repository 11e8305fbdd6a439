# title: Test mesh overlap and nearest points with BVHTree
# shows: Builds mathutils.bvhtree.BVHTree objects from evaluated objects (FromObject) and from bmesh, checks overlap between two meshes and finds the nearest surface point.
# tags: bvhtree, overlap, collision, nearest point, mathutils, intersection
# blender: 4.2

import bpy
import bmesh
from mathutils import Vector
from mathutils.bvhtree import BVHTree

bpy.ops.mesh.primitive_cube_add(size=2.0)
box = bpy.context.object
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.8, location=(1.2, 0, 0))
ball = bpy.context.object

depsgraph = bpy.context.evaluated_depsgraph_get()


def world_tree(obj):
    # Build in world space so trees of different objects are comparable.
    bm = bmesh.new()
    bm.from_object(obj, depsgraph)
    bm.transform(obj.matrix_world)
    tree = BVHTree.FromBMesh(bm)
    bm.free()
    return tree


pairs = world_tree(box).overlap(world_tree(ball))
print("overlapping face pairs:", len(pairs))

# Nearest point on the cube (local-space tree via FromObject).
local_tree = BVHTree.FromObject(box, depsgraph)
location, normal, index, distance = local_tree.find_nearest(Vector((3, 0.5, 0.2)))
print("nearest point:", tuple(round(c, 2) for c in location), "distance:", round(distance, 3))
