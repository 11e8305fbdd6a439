# title: Fruit bowl with random fruit
# shows: Makes a hemispherical bowl by deleting half a UV sphere and adding a Solidify modifier, then fills it with randomly placed, coloured spheres (apples/oranges) as children.
# tags: asset, bowl, fruit, solidify, uv sphere, random, kitchen
# blender: 4.2
# params: radius=0.15, thickness=0.008, fruit_count=5, seed=2, bowl_color=(0.8, 0.75, 0.65, 1.0), location=(0, 0, 0)

import math
import random
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.4):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def build(radius=0.15, thickness=0.008, fruit_count=5, seed=2,
          bowl_color=(0.8, 0.75, 0.65, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    bm = bmesh.new()
    # Squashed sphere, lower half only, lifted so its bottom sits at z=0.
    bmesh.ops.create_uvsphere(bm, u_segments=40, v_segments=20, radius=radius,
                              matrix=Matrix.LocRotScale((0, 0, radius * 0.6), None, (1, 1, 0.6)))
    bmesh.ops.delete(bm, geom=[v for v in bm.verts if v.co.z > radius * 0.6 + 1e-5], context='VERTS')
    # Flatten the very bottom so the bowl stands.
    for v in bm.verts:
        v.co.z = max(v.co.z, radius * 0.04)
    mesh = bpy.data.meshes.new("Bowl")
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    mesh.materials.append(_material("BowlGlaze", bowl_color, 0.2))
    bowl = bpy.data.objects.new("Bowl", mesh)
    bowl.location = location
    bpy.context.collection.objects.link(bowl)
    solid = bowl.modifiers.new("Solidify", 'SOLIDIFY')
    solid.thickness = thickness
    solid.offset = 1.0   # grow inward (normals point outward)

    fruit_colors = [(0.7, 0.05, 0.03, 1.0), (0.95, 0.45, 0.02, 1.0), (0.5, 0.7, 0.1, 1.0)]
    fruit_mats = [_material(f"Fruit{i}", c, 0.35) for i, c in enumerate(fruit_colors)]
    fruit_r = radius * 0.3
    for i in range(fruit_count):
        a = 2 * math.pi * i / max(fruit_count, 1) + rng.uniform(-0.2, 0.2)
        d = radius * 0.45 if fruit_count > 1 else 0.0
        bm = bmesh.new()
        bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=8, radius=fruit_r)
        fm = bpy.data.meshes.new(f"Fruit{i}")
        bm.to_mesh(fm)
        bm.free()
        fm.shade_smooth()
        fm.materials.append(rng.choice(fruit_mats))
        fruit = bpy.data.objects.new(f"Fruit{i}", fm)
        fruit.parent = bowl
        fruit.location = (d * math.cos(a), d * math.sin(a), fruit_r + radius * 0.12 + (i % 2) * fruit_r * 0.6)
        bpy.context.collection.objects.link(fruit)
    return bowl


if __name__ == "__main__":
    build()
