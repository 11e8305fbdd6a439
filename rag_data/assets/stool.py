# title: Round bar stool with splayed legs and foot ring
# shows: Builds a cushioned round seat (cylinder + bevel), three or more splayed cylinder legs rotated with Matrix.Rotation, and a torus foot ring, joined in one mesh with two materials.
# tags: asset, furniture, stool, cylinder, torus, material_index, bmesh
# blender: 4.2
# params: seat_radius=0.2, height=0.7, leg_count=4, leg_radius=0.018, splay_degrees=8.0, seat_color=(0.1, 0.1, 0.12, 1.0), metal_color=(0.75, 0.75, 0.78, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color   # viewport colour
    return mat


def build(seat_radius=0.2, height=0.7, leg_count=4, leg_radius=0.018, splay_degrees=8.0,
          seat_color=(0.1, 0.1, 0.12, 1.0), metal_color=(0.75, 0.75, 0.78, 1.0),
          location=(0, 0, 0)):
    bm = bmesh.new()
    seat_t = 0.06

    # Seat (slot 0): cylinder with rounded rim.
    bmesh.ops.create_cone(bm, cap_ends=True, segments=32, radius1=seat_radius,
                          radius2=seat_radius, depth=seat_t,
                          matrix=Matrix.Translation((0, 0, height - seat_t / 2)))
    rim = [e for e in bm.edges if e.is_manifold and len(e.link_faces) == 2
           and abs(e.link_faces[0].normal.z - e.link_faces[1].normal.z) > 0.5]
    bmesh.ops.bevel(bm, geom=rim, offset=0.015, segments=3, affect='EDGES')
    # Keep the face objects (bm.faces order is not creation order).
    seat_faces = set(bm.faces)

    # Legs (slot 1): cylinders tilted outward.
    leg_len = (height - seat_t) / math.cos(math.radians(splay_degrees))
    splay = math.radians(splay_degrees)
    foot_ring_r = seat_radius * 0.7 + math.tan(splay) * (height - seat_t) * 0.65
    for i in range(leg_count):
        a = 2 * math.pi * i / leg_count
        top = Vector((math.cos(a), math.sin(a), 0)) * seat_radius * 0.7
        top.z = height - seat_t
        tilt = Matrix.Rotation(-splay, 4, Vector((-math.sin(a), math.cos(a), 0)))
        m = Matrix.Translation(top) @ tilt @ Matrix.Translation((0, 0, -leg_len / 2))
        bmesh.ops.create_cone(bm, cap_ends=True, segments=10, radius1=leg_radius,
                              radius2=leg_radius, depth=leg_len, matrix=m)

    # Foot ring a third of the way up: a flat torus built by spinning a circle.
    ring_z = (height - seat_t) * 0.35
    circle = bmesh.ops.create_circle(bm, segments=8, radius=leg_radius * 0.8,
                                     matrix=Matrix.Translation((foot_ring_r, 0, ring_z))
                                     @ Matrix.Rotation(math.pi / 2, 4, 'X'))
    edges = list({e for v in circle["verts"] for e in v.link_edges})
    bmesh.ops.spin(bm, geom=circle["verts"] + edges, cent=(0, 0, ring_z), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=32)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-5)
    for f in bm.faces:
        f.material_index = 0 if f in seat_faces else 1

    mesh = bpy.data.meshes.new("Stool")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("StoolSeat", seat_color, 0.8))
    mesh.materials.append(_material("StoolMetal", metal_color, 0.25, 1.0))
    mesh.shade_smooth()
    stool = bpy.data.objects.new("Stool", mesh)
    stool.location = location
    bpy.context.collection.objects.link(stool)
    return stool


if __name__ == "__main__":
    build()
