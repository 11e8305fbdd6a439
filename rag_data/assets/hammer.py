# title: Claw hammer as one mesh with two materials
# shows: Builds a wooden handle (tapered cylinder), a steel head (box + striking face cylinder) and a curved split claw (bent, bevelled boxes) in a single bmesh, using material_index per part.
# tags: asset, tool, hammer, bmesh, material_index, metal, wood
# blender: 4.2
# params: handle_length=0.3, handle_radius=0.014, head_length=0.12, wood_color=(0.55, 0.35, 0.18, 1.0), steel_color=(0.6, 0.6, 0.62, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def build(handle_length=0.3, handle_radius=0.014, head_length=0.12,
          wood_color=(0.55, 0.35, 0.18, 1.0), steel_color=(0.6, 0.6, 0.62, 1.0), location=(0, 0, 0)):
    bm = bmesh.new()
    L, r = handle_length, handle_radius

    # Handle along +Z, slightly flared at the grip end.
    bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=r * 1.2, radius2=r * 0.85,
                          depth=L, matrix=Matrix.Translation((0, 0, L / 2)))
    wood_faces = set(bm.faces)

    # Head: a block across the top of the handle, along X.
    hw = r * 1.8
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (head_length * 0.1, 0, L + hw * 0.3), None, (head_length * 0.55, hw, hw * 1.6)))
    # Round striking face on +X.
    bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=hw * 0.75, radius2=hw * 0.7,
                          depth=head_length * 0.3,
                          matrix=Matrix.Translation((head_length * 0.5, 0, L + hw * 0.3))
                          @ Matrix.Rotation(math.pi / 2, 4, 'Y'))
    # Claw: two prongs curving down on -X.
    for side in (-1, 1):
        prong = bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
            (-head_length * 0.35, side * hw * 0.25, L + hw * 0.3), None,
            (head_length * 0.45, hw * 0.4, hw * 0.9)))
        for v in prong["verts"]:
            t = (-v.co.x - head_length * 0.125) / (head_length * 0.45)   # 0 near head, 1 at tip
            v.co.z -= (max(t, 0.0) ** 2) * hw * 2.0                      # bend downward
            if t > 0.9:
                v.co.z += hw * 0.3                                      # sharpen the tip

    for f in bm.faces:
        f.material_index = 0 if f in wood_faces else 1

    mesh = bpy.data.meshes.new("Hammer")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("HandleWood", wood_color, 0.6))
    mesh.materials.append(_material("HeadSteel", steel_color, 0.3, 1.0))
    hammer = bpy.data.objects.new("Hammer", mesh)
    hammer.location = location
    bpy.context.collection.objects.link(hammer)
    bevel = hammer.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.002
    bevel.segments = 2
    return hammer


if __name__ == "__main__":
    build()
