# title: Park bench with slatted seat and cast-iron sides
# shows: Extrudes a 2D side profile (bmesh face + extrude_face_region) for the iron frame and repeats seat/back slats with an Array modifier; wood and metal materials.
# tags: asset, furniture, bench, array modifier, extrude, profile
# blender: 4.2
# params: length=1.8, slat_count=4, slat_width=0.07, seat_height=0.45, wood_color=(0.5, 0.3, 0.15, 1.0), iron_color=(0.05, 0.06, 0.05, 1.0), location=(0, 0, 0)

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


def _link(name, bm, material, parent):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(material)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(length=1.8, slat_count=4, slat_width=0.07, seat_height=0.45,
          wood_color=(0.5, 0.3, 0.15, 1.0), iron_color=(0.05, 0.06, 0.05, 1.0),
          location=(0, 0, 0)):
    root = bpy.data.objects.new("ParkBench", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    wood = _material("BenchWood", wood_color, 0.7)
    iron = _material("BenchIron", iron_color, 0.5, 1.0)
    h = seat_height

    # Side frame profile in the YZ plane: front leg, seat rail, back leg + backrest.
    profile = [(-0.25, 0), (-0.2, 0), (-0.17, h - 0.05), (0.2, h - 0.05), (0.22, 0),
               (0.27, 0), (0.25, h), (0.32, h + 0.4), (0.27, h + 0.4), (0.2, h),
               (-0.22, h)]
    for sx in (-1, 1):
        bm = bmesh.new()
        face = bm.faces.new([bm.verts.new((0, y, z)) for y, z in profile])
        ret = bmesh.ops.extrude_face_region(bm, geom=[face])
        moved = [v for v in ret["geom"] if isinstance(v, bmesh.types.BMVert)]
        bmesh.ops.translate(bm, verts=moved, vec=(0.04, 0, 0))
        bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
        side = _link("BenchSide", bm, iron, root)
        side.location.x = sx * (length / 2 - 0.15) - 0.02

    # One seat slat + Array modifier along -Y, and one back slat + Array up the back.
    def slat(name, center, tilt, offset):
        bm = bmesh.new()
        bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
            center, None, (length, slat_width, 0.03)))
        bmesh.ops.bevel(bm, geom=bm.edges[:], offset=0.006, segments=2, affect='EDGES')
        obj = _link(name, bm, wood, root)
        obj.rotation_euler.x = tilt
        arr = obj.modifiers.new("Slats", 'ARRAY')
        arr.count = slat_count
        arr.use_relative_offset = False
        arr.use_constant_offset = True
        arr.constant_offset_displace = offset
        return obj

    gap = slat_width + 0.015
    slat("Seat", Vector((0, -0.2 + slat_width / 2, h + 0.015)), 0.0, (0, gap, 0))
    back = slat("Back", Vector((0, 0, 0)), math.radians(80), (0, gap, 0))
    back.location = (0, 0.27, h + 0.08)
    return root


if __name__ == "__main__":
    build()
