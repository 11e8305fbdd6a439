# title: Bicycle wheel with tyre, rim, hub and spokes
# shows: Builds a tyre by spinning a circle (torus), a rim ring, a hub cylinder and crossed spokes as thin cylinders aligned with to_track_quat, joined into one mesh with material_index.
# tags: asset, bicycle, wheel, spokes, torus, spin, material_index
# blender: 4.2
# params: radius=0.35, tyre_thickness=0.02, spokes=32, hub_width=0.06, tyre_color=(0.03, 0.03, 0.03, 1.0), metal_color=(0.8, 0.8, 0.82, 1.0), location=(0, 0, 0)

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
    mat.diffuse_color = color
    return mat


def _torus(bm, major, minor, major_seg=48, minor_seg=10):
    """Torus in the XZ plane (wheel axis = Y) by spinning a circle."""
    ring = bmesh.ops.create_circle(bm, segments=minor_seg, radius=minor,
                                   matrix=Matrix.Translation((major, 0, 0)))
    edges = list({e for v in ring["verts"] for e in v.link_edges})
    bmesh.ops.spin(bm, geom=ring["verts"] + edges, axis=(0, 1, 0), angle=2 * math.pi, steps=major_seg)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)


def _rod(bm, a, b, radius):
    a, b = Vector(a), Vector(b)
    rot = (b - a).to_track_quat('Z', 'Y').to_matrix().to_4x4()
    bmesh.ops.create_cone(bm, cap_ends=False, segments=4, radius1=radius, radius2=radius,
                          depth=(b - a).length, matrix=Matrix.Translation((a + b) / 2) @ rot)


def build(radius=0.35, tyre_thickness=0.02, spokes=32, hub_width=0.06,
          tyre_color=(0.03, 0.03, 0.03, 1.0), metal_color=(0.8, 0.8, 0.82, 1.0), location=(0, 0, 0)):
    bm = bmesh.new()
    _torus(bm, radius - tyre_thickness, tyre_thickness)
    tyre_faces = set(bm.faces)

    rim_r = radius - tyre_thickness * 2.2
    _torus(bm, rim_r, tyre_thickness * 0.4, minor_seg=6)
    bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=0.018, radius2=0.018,
                          depth=hub_width, matrix=Matrix.Rotation(math.pi / 2, 4, 'X'))

    # Spokes alternate between the two hub flanges and cross tangentially.
    for i in range(spokes):
        side = 1 if i % 2 else -1
        a = 2 * math.pi * i / spokes
        hub_a = a + side * 0.35
        hub = (0.02 * math.cos(hub_a), side * hub_width * 0.4, 0.02 * math.sin(hub_a))
        rim = (rim_r * math.cos(a), 0.0, rim_r * math.sin(a))
        _rod(bm, hub, rim, 0.0012)

    for f in bm.faces:
        f.material_index = 0 if f in tyre_faces else 1
    mesh = bpy.data.meshes.new("BicycleWheel")
    bm.to_mesh(mesh)
    bm.free()
    for poly in mesh.polygons:
        poly.use_smooth = poly.material_index == 0
    mesh.materials.append(_material("Tyre", tyre_color, 0.9))
    mesh.materials.append(_material("Spokes", metal_color, 0.25, 1.0))

    wheel = bpy.data.objects.new("BicycleWheel", mesh)
    wheel.location = location
    wheel.location.z += radius   # stand on the ground
    bpy.context.collection.objects.link(wheel)
    return wheel


if __name__ == "__main__":
    build()
