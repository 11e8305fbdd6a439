# title: Parametric dining table with apron
# shows: Creates a table top with bevelled edges, four tapered legs (bmesh create_cone with four segments) and an apron frame, all parented to an empty with one wood material.
# tags: asset, furniture, table, wood, bmesh, taper, bevel
# blender: 4.2
# params: width=1.6, depth=0.9, height=0.75, top_thickness=0.04, leg_width=0.07, taper=0.6, overhang=0.06, wood_color=(0.32, 0.18, 0.08, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.45):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Coat Weight"].default_value = 0.3   # varnish
    mat.diffuse_color = color
    return mat


def _object(name, bm, material, parent):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(material)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(width=1.6, depth=0.9, height=0.75, top_thickness=0.04, leg_width=0.07,
          taper=0.6, overhang=0.06, wood_color=(0.32, 0.18, 0.08, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("Table", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    wood = _material("TableWood", wood_color)

    # Top with softened edges.
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, 0, height - top_thickness / 2), None, (width, depth, top_thickness)))
    bmesh.ops.bevel(bm, geom=bm.edges[:], offset=top_thickness * 0.3, segments=3, affect='EDGES')
    _object("TableTop", bm, wood, root)

    # Square legs that taper toward the floor: a 4-sided cone rotated 45 degrees.
    leg_h = height - top_thickness
    r_top = leg_width / math.sqrt(2)
    lx = width / 2 - overhang - leg_width / 2
    ly = depth / 2 - overhang - leg_width / 2
    for i, (sx, sy) in enumerate(((-1, -1), (1, -1), (1, 1), (-1, 1))):
        bm = bmesh.new()
        m = Matrix.Translation((sx * lx, sy * ly, leg_h / 2)) @ Matrix.Rotation(math.pi / 4, 4, 'Z')
        bmesh.ops.create_cone(bm, cap_ends=True, segments=4, radius1=r_top * taper,
                              radius2=r_top, depth=leg_h, matrix=m)
        _object(f"Leg{i}", bm, wood, root)

    # Apron: four boards just under the top, between the legs.
    apron_h = 0.08
    z = height - top_thickness - apron_h / 2
    bm = bmesh.new()
    for sy in (-1, 1):
        bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
            (0, sy * ly, z), None, (2 * lx, 0.02, apron_h)))
    for sx in (-1, 1):
        bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
            (sx * lx, 0, z), None, (0.02, 2 * ly, apron_h)))
    _object("Apron", bm, wood, root)
    return root


if __name__ == "__main__":
    build()
