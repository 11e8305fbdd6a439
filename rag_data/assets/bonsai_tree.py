# title: Bonsai tree with recursive branches, foliage pads and tray pot
# shows: Grows a trunk and branches recursively (seeded random directions, shrinking radius) as tapered cylinders in one bmesh, caps branch tips with flattened icosphere foliage pads, and sets it in a shallow rectangular pot.
# tags: asset, tree, bonsai, recursion, branches, foliage, random
# blender: 4.2
# params: height=0.45, depth=3, branches=3, seed=8, trunk_radius=0.035, bark_color=(0.3, 0.2, 0.14, 1.0), leaf_color=(0.15, 0.4, 0.1, 1.0), pot_color=(0.25, 0.3, 0.35, 1.0), location=(0, 0, 0)

import math
import random
import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent=None, smooth=True):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    if smooth:
        mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(height=0.45, depth=3, branches=3, seed=8, trunk_radius=0.035,
          bark_color=(0.3, 0.2, 0.14, 1.0), leaf_color=(0.15, 0.4, 0.1, 1.0),
          pot_color=(0.25, 0.3, 0.35, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    pot_h = height * 0.15
    wood = bmesh.new()
    leaves = bmesh.new()

    def grow(start, direction, length, radius, level):
        end = start + direction * length
        rot = direction.to_track_quat('Z', 'Y').to_matrix().to_4x4()
        bmesh.ops.create_cone(wood, cap_ends=True, segments=8, radius1=radius, radius2=radius * 0.65,
                              depth=length, matrix=Matrix.Translation((start + end) / 2) @ rot)
        if level == 0:
            # Foliage pad: a squashed, slightly lumpy icosphere at the tip.
            pad = bmesh.ops.create_icosphere(leaves, subdivisions=2, radius=length * 1.3,
                                             matrix=Matrix.LocRotScale(end, None, (1.0, 1.0, 0.45)))
            for v in pad["verts"]:
                v.co += (v.co - end).normalized() * rng.uniform(-0.2, 0.2) * length * 0.5
            return
        for i in range(branches if level < depth else 2):
            # Spread children around the parent direction, biased sideways/upward.
            yaw = 2 * math.pi * i / branches + rng.uniform(-0.5, 0.5)
            side = Vector((math.cos(yaw), math.sin(yaw), 0.0))
            child = (direction + side * rng.uniform(0.6, 1.2)).normalized()
            child.z = max(child.z, 0.15)
            grow(end, child.normalized(), length * rng.uniform(0.55, 0.75), radius * 0.65, level - 1)

    trunk_dir = Vector((rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3), 1.0)).normalized()
    grow(Vector((0, 0, pot_h * 0.8)), trunk_dir, height * 0.4, trunk_radius, depth)

    tree = _obj("BonsaiTree", wood, _material("BonsaiBark", bark_color, 0.9))
    tree.location = location
    _obj("Foliage", leaves, _material("BonsaiLeaves", leaf_color, 0.7), tree)

    # Shallow tray pot with a lip.
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, 0, pot_h / 2), None, (height * 0.8, height * 0.55, pot_h)))
    top = [f for f in bm.faces if f.normal.z > 0.9]
    bmesh.ops.inset_region(bm, faces=top, thickness=height * 0.03, depth=-pot_h * 0.2)
    bmesh.ops.bevel(bm, geom=[e for e in bm.edges if e.calc_face_angle(0) > 1.0],
                    offset=height * 0.008, segments=2, affect='EDGES')
    _obj("Pot", bm, _material("BonsaiPot", pot_color, 0.3), tree, smooth=False)
    return tree


if __name__ == "__main__":
    build()
