# title: Parametric wooden chair
# shows: Builds a chair from bevelled boxes (seat, four legs, back posts, back slats) parented to an empty, with a wood material and optional seat cushion.
# tags: asset, furniture, chair, wood, bmesh, parenting, bevel
# blender: 4.2
# params: seat_width=0.45, seat_depth=0.45, seat_height=0.45, back_height=0.45, leg_thickness=0.04, slat_count=3, cushion=True, wood_color=(0.45, 0.26, 0.12, 1.0), cushion_color=(0.6, 0.1, 0.1, 1.0), location=(0, 0, 0)

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


def _box(name, size, center, material, parent, bevel=0.005):
    """Axis-aligned box of full `size` centred at `center`, child of `parent`."""
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(center, None, size))
    if bevel:
        bmesh.ops.bevel(bm, geom=bm.edges[:], offset=bevel, segments=2, affect='EDGES')
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(material)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(seat_width=0.45, seat_depth=0.45, seat_height=0.45, back_height=0.45,
          leg_thickness=0.04, slat_count=3, cushion=True,
          wood_color=(0.45, 0.26, 0.12, 1.0), cushion_color=(0.6, 0.1, 0.1, 1.0),
          location=(0, 0, 0)):
    root = bpy.data.objects.new("Chair", None)
    root.location = location
    bpy.context.collection.objects.link(root)

    wood = _material("ChairWood", wood_color, 0.6)
    seat_t = 0.04
    t = leg_thickness
    hx, hy = seat_width / 2 - t / 2, seat_depth / 2 - t / 2

    _box("Seat", (seat_width, seat_depth, seat_t), (0, 0, seat_height - seat_t / 2), wood, root)

    # Front legs stop under the seat; back legs continue up as back posts.
    leg_h = seat_height - seat_t
    for sx in (-1, 1):
        _box("LegFront", (t, t, leg_h), (sx * hx, -hy, leg_h / 2), wood, root)
        post_h = leg_h + seat_t + back_height
        _box("LegBack", (t, t, post_h), (sx * hx, hy, post_h / 2), wood, root)

    # Horizontal slats between the back posts.
    inner = seat_width - 2 * t
    for i in range(slat_count):
        z = seat_height + back_height * (i + 1) / (slat_count + 0.5)
        _box(f"Slat{i}", (inner, t * 0.6, back_height * 0.12), (0, hy, z), wood, root)

    if cushion:
        pad = _box("Cushion", (seat_width * 0.9, seat_depth * 0.9, 0.05),
                   (0, -0.01, seat_height + 0.025), _material("Cushion", cushion_color, 0.9),
                   root, bevel=0.015)
        pad.data.shade_smooth()
    return root


if __name__ == "__main__":
    build()
