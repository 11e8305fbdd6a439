# title: Toadstool mushroom with spotted cap
# shows: Lathes a stem and a domed cap, scatters white spots on the cap surface by sampling its vertices, and uses three materials on a small hierarchy.
# tags: asset, mushroom, toadstool, lathe, spots, nature, random
# blender: 4.2
# params: height=0.25, cap_radius=0.15, stem_radius=0.035, spots=14, seed=4, cap_color=(0.8, 0.05, 0.03, 1.0), stem_color=(0.92, 0.9, 0.82, 1.0), location=(0, 0, 0)

import math
import random
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.5):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _lathe_mesh(name, profile, steps=32):
    bm = bmesh.new()
    verts = [bm.verts.new((r, 0, z)) for r, z in profile]
    edges = [bm.edges.new(p) for p in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, axis=(0, 0, 1), angle=2 * math.pi, steps=steps)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()
    return mesh


def build(height=0.25, cap_radius=0.15, stem_radius=0.035, spots=14, seed=4,
          cap_color=(0.8, 0.05, 0.03, 1.0), stem_color=(0.92, 0.9, 0.82, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    s, h, R = stem_radius, height, cap_radius
    stem_mesh = _lathe_mesh("Stem", [(0, 0), (s * 1.4, 0), (s * 1.2, h * 0.15), (s, h * 0.6),
                                     (s * 0.9, h * 0.85), (0, h * 0.85)])
    stem_mesh.materials.append(_material("Stem", stem_color, 0.7))
    mushroom = bpy.data.objects.new("Mushroom", stem_mesh)
    mushroom.location = location
    bpy.context.collection.objects.link(mushroom)

    # Cap: dome from the centre top down to a curled rim, then back under.
    dome = [(R * math.sin(a), h * 0.75 + R * 0.6 * math.cos(a))
            for a in (i * (math.pi / 2) / 8 for i in range(9))]
    underside = [(R * 0.95, h * 0.72), (s, h * 0.8), (0, h * 0.8)]
    cap_mesh = _lathe_mesh("Cap", dome + underside)
    cap_mesh.materials.append(_material("Cap", cap_color, 0.35))
    cap = bpy.data.objects.new("Cap", cap_mesh)
    cap.parent = mushroom
    bpy.context.collection.objects.link(cap)

    # Spots: flattened spheres placed on random upper cap vertices.
    spot_mat = _material("Spots", (0.95, 0.95, 0.9, 1.0), 0.8)
    upper = [v for v in cap_mesh.vertices if v.co.z > h * 0.8 and v.normal.z > 0.3]
    bm = bmesh.new()
    for v in rng.sample(upper, min(spots, len(upper))):
        size = R * rng.uniform(0.08, 0.14)
        rot = v.normal.to_track_quat('Z', 'Y').to_matrix().to_4x4()
        bmesh.ops.create_uvsphere(bm, u_segments=8, v_segments=4, radius=size,
                                  matrix=Matrix.Translation(v.co) @ rot @ Matrix.Diagonal((1, 1, 0.3, 1)))
    spot_mesh = bpy.data.meshes.new("Spots")
    bm.to_mesh(spot_mesh)
    bm.free()
    spot_mesh.materials.append(spot_mat)
    spot_obj = bpy.data.objects.new("Spots", spot_mesh)
    spot_obj.parent = mushroom
    bpy.context.collection.objects.link(spot_obj)
    return mushroom


if __name__ == "__main__":
    build()
