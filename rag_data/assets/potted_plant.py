# title: Potted plant with leaves arranged in a rosette
# shows: Lathes a terracotta pot, adds a soil disc, and places curved leaf meshes (bent grid via bmesh) around the stem with golden-angle rotation and random tilt.
# tags: asset, plant, pot, leaves, golden angle, lathe, random
# blender: 4.2
# params: pot_radius=0.12, pot_height=0.2, leaf_count=14, leaf_length=0.3, seed=5, pot_color=(0.6, 0.28, 0.15, 1.0), leaf_color=(0.1, 0.4, 0.08, 1.0), location=(0, 0, 0)

import math
import random
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _obj(name, mesh, mat, parent):
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def _leaf_mesh(length, width):
    """A leaf: a grid shaped into a pointed blade that arches downward."""
    bm = bmesh.new()
    bmesh.ops.create_grid(bm, x_segments=8, y_segments=2, size=0.5)
    for v in bm.verts:
        t = v.co.x + 0.5                                   # 0 at the base, 1 at the tip
        v.co.y *= width * math.sin(math.pi * min(t * 1.1, 1.0))   # pointed outline
        v.co.x = t * length
        v.co.z = math.sin(t * math.pi * 0.8) * length * 0.35 - (t ** 2) * length * 0.3
        v.co.z += abs(v.co.y) * 0.3                         # slight V-shaped fold
    mesh = bpy.data.meshes.new("Leaf")
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    return mesh


def build(pot_radius=0.12, pot_height=0.2, leaf_count=14, leaf_length=0.3, seed=5,
          pot_color=(0.6, 0.28, 0.15, 1.0), leaf_color=(0.1, 0.4, 0.08, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    r, h = pot_radius, pot_height
    bm = bmesh.new()
    profile = [(0, 0), (r * 0.75, 0), (r, h * 0.85), (r * 1.1, h * 0.87), (r * 1.1, h), (r * 0.95, h),
               (r * 0.9, h * 0.88), (r * 0.68, h * 0.06), (0, h * 0.06)]
    verts = [bm.verts.new((x, 0, z)) for x, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=40)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    pot_mesh = bpy.data.meshes.new("Pot")
    bm.to_mesh(pot_mesh)
    bm.free()
    pot_mesh.shade_smooth()

    pot = bpy.data.objects.new("PottedPlant", pot_mesh)
    pot_mesh.materials.append(_material("Terracotta", pot_color, 0.85))
    pot.location = location
    bpy.context.collection.objects.link(pot)

    bm = bmesh.new()
    bmesh.ops.create_circle(bm, cap_ends=True, segments=40, radius=r * 0.88,
                            matrix=Matrix.Translation((0, 0, h * 0.85)))
    soil = bpy.data.meshes.new("Soil")
    bm.to_mesh(soil)
    bm.free()
    _obj("Soil", soil, _material("Soil", (0.08, 0.05, 0.03, 1.0), 1.0), pot)

    leaf_mat = _material("Leaf", leaf_color, 0.5)
    golden = math.pi * (3 - math.sqrt(5))
    for i in range(leaf_count):
        size = leaf_length * rng.uniform(0.7, 1.1) * (1.0 - 0.4 * i / leaf_count)
        leaf = _obj(f"Leaf{i}", _leaf_mesh(size, size * 0.3), leaf_mat, pot)
        leaf.location = (0, 0, h * 0.85)
        # Inner (later) leaves stand more upright.
        leaf.rotation_euler = (0, -math.radians(10 + 50 * i / leaf_count) + rng.uniform(-0.1, 0.1),
                               i * golden)
    return pot


if __name__ == "__main__":
    build()
