# title: Low-poly pine tree from stacked cones
# shows: Stacks shrinking cones for foliage tiers with random jitter, adds a trunk cylinder, merges everything into one low-poly mesh and assigns per-part material_index.
# tags: asset, tree, pine, conifer, low poly, cone, material_index
# blender: 4.2
# params: height=3.0, tiers=4, base_radius=1.0, trunk_radius=0.12, seed=0, leaf_color=(0.05, 0.25, 0.1, 1.0), trunk_color=(0.3, 0.18, 0.1, 1.0), location=(0, 0, 0)

import random
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.8):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def build(height=3.0, tiers=4, base_radius=1.0, trunk_radius=0.12, seed=0,
          leaf_color=(0.05, 0.25, 0.1, 1.0), trunk_color=(0.3, 0.18, 0.1, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    bm = bmesh.new()

    trunk_h = height * 0.25
    bmesh.ops.create_cone(bm, cap_ends=True, segments=8, radius1=trunk_radius,
                          radius2=trunk_radius * 0.8, depth=trunk_h,
                          matrix=Matrix.Translation((0, 0, trunk_h / 2)))
    # Remember the trunk faces themselves: bm.faces order is not creation order.
    trunk_faces = set(bm.faces)

    # Each tier starts a bit below the previous tier's top so they overlap.
    foliage_h = height - trunk_h * 0.9
    tier_h = foliage_h / tiers * 1.6
    for i in range(tiers):
        t = i / max(tiers - 1, 1)
        radius = base_radius * (1.0 - 0.7 * t)
        z0 = trunk_h * 0.9 + i * (foliage_h - tier_h) / max(tiers - 1, 1)
        ret = bmesh.ops.create_cone(bm, cap_ends=True, segments=9, radius1=radius, radius2=0.0,
                                    depth=tier_h, matrix=Matrix.Translation((0, 0, z0 + tier_h / 2)))
        # Jitter the rim vertices for an organic silhouette.
        for v in ret["verts"]:
            if v.co.z < z0 + 1e-4 and v.co.xy.length > 1e-4:
                v.co.x += rng.uniform(-0.08, 0.08) * radius
                v.co.y += rng.uniform(-0.08, 0.08) * radius
                v.co.z += rng.uniform(-0.1, 0.05) * tier_h

    for face in bm.faces:
        face.material_index = 0 if face in trunk_faces else 1

    mesh = bpy.data.meshes.new("PineTree")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("Bark", trunk_color))
    mesh.materials.append(_material("Needles", leaf_color, 0.6))

    tree = bpy.data.objects.new("PineTree", mesh)
    tree.location = location
    bpy.context.collection.objects.link(tree)
    return tree


if __name__ == "__main__":
    build()
