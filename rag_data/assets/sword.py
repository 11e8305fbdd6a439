# title: Longsword with fullered blade, crossguard and pommel
# shows: Builds a diamond-section blade from a cross-section extruded along its length in bmesh with a tapered tip, plus crossguard, wrapped grip and spherical pommel parented to an empty.
# tags: asset, weapon, sword, blade, bmesh, metal, leather
# blender: 4.2
# params: blade_length=0.9, blade_width=0.05, guard_width=0.22, grip_length=0.2, steel_color=(0.8, 0.82, 0.85, 1.0), grip_color=(0.25, 0.12, 0.05, 1.0), gold_color=(0.8, 0.6, 0.2, 1.0), location=(0, 0, 0)

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


def _obj(name, bm, mat, parent, smooth=False):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    if smooth:
        mesh.shade_smooth()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def _blade(length, width, thickness, steps=8):
    """Diamond cross-section lofted along +Z, narrowing to a point."""
    bm = bmesh.new()
    rings = []
    for i in range(steps + 1):
        t = i / steps
        w = width * (1.0 - 0.25 * t) * (1.0 if t < 0.85 else (1.0 - t) / 0.15)
        d = thickness * (1.0 - 0.5 * t)
        z = t * length
        rings.append([bm.verts.new(co) for co in ((w / 2, 0, z), (0, d / 2, z), (-w / 2, 0, z), (0, -d / 2, z))])
    for a, b in zip(rings, rings[1:]):
        for k in range(4):
            bm.faces.new((a[k], a[(k + 1) % 4], b[(k + 1) % 4], b[k]))
    bm.faces.new(rings[0][::-1])                         # close the base
    bmesh.ops.remove_doubles(bm, verts=rings[-1], dist=1e-6)   # collapse the tip
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
    return bm


def build(blade_length=0.9, blade_width=0.05, guard_width=0.22, grip_length=0.2,
          steel_color=(0.8, 0.82, 0.85, 1.0), grip_color=(0.25, 0.12, 0.05, 1.0),
          gold_color=(0.8, 0.6, 0.2, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("Sword", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    steel = _material("BladeSteel", steel_color, 0.15, 1.0)
    gold = _material("GuardBrass", gold_color, 0.3, 1.0)
    leather = _material("GripLeather", grip_color, 0.8)

    blade = _obj("Blade", _blade(blade_length, blade_width, blade_width * 0.2), steel, root)
    blade.location.z = grip_length + 0.02

    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, 0, grip_length + 0.01), None, (guard_width, 0.025, 0.02)))
    bmesh.ops.bevel(bm, geom=bm.edges[:], offset=0.004, segments=2, affect='EDGES')
    _obj("Crossguard", bm, gold, root)

    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=12, radius1=0.014, radius2=0.016,
                          depth=grip_length, matrix=Matrix.Translation((0, 0, grip_length / 2)))
    grip = _obj("Grip", bm, leather, root, smooth=True)
    grip.modifiers.new("Wrap", 'SUBSURF').levels = 1

    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=8, radius=0.025,
                              matrix=Matrix.Translation((0, 0, -0.015)))
    _obj("Pommel", bm, gold, root, smooth=True)
    return root


if __name__ == "__main__":
    build()
