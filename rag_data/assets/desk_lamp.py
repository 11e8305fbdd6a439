# title: Articulated desk lamp with spot light
# shows: Builds a lamp as a parent chain (base -> lower arm -> upper arm -> shade) of empties/meshes so each joint angle is a parameter, and puts a SPOT light inside the cone shade.
# tags: asset, lamp, desk lamp, hierarchy, joints, spot light, metal
# blender: 4.2
# params: arm_length=0.35, lower_angle=30.0, upper_angle=-60.0, shade_angle=-50.0, color=(0.8, 0.1, 0.08, 1.0), light_energy=20.0, location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness, metallic):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def _cyl(name, r1, r2, depth, z0, mat, parent, cap=True, segments=24):
    """Cylinder/cone standing on local z=z0, parented to `parent`."""
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=cap, segments=segments, radius1=r1, radius2=r2,
                          depth=depth, matrix=Matrix.Translation((0, 0, z0 + depth / 2)))
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def _joint(name, parent, z, angle_deg):
    """Empty acting as a hinge rotating around local X at height z of its parent."""
    joint = bpy.data.objects.new(name, None)
    joint.empty_display_size = 0.03
    joint.parent = parent
    joint.location = (0, 0, z)
    joint.rotation_euler.x = math.radians(angle_deg)
    bpy.context.collection.objects.link(joint)
    return joint


def build(arm_length=0.35, lower_angle=30.0, upper_angle=-60.0, shade_angle=-50.0,
          color=(0.8, 0.1, 0.08, 1.0), light_energy=20.0, location=(0, 0, 0)):
    paint = _material("LampPaint", color, 0.35, 0.2)
    steel = _material("LampSteel", (0.8, 0.8, 0.8, 1.0), 0.2, 1.0)

    root = bpy.data.objects.new("DeskLamp", None)
    root.location = location
    bpy.context.collection.objects.link(root)

    _cyl("Base", 0.09, 0.08, 0.025, 0.0, paint, root, segments=32)
    hinge1 = _joint("Hinge1", root, 0.025, lower_angle)
    _cyl("LowerArm", 0.008, 0.008, arm_length, 0.0, steel, hinge1, segments=12)
    hinge2 = _joint("Hinge2", hinge1, arm_length, upper_angle)
    _cyl("UpperArm", 0.008, 0.008, arm_length, 0.0, steel, hinge2, segments=12)
    hinge3 = _joint("Hinge3", hinge2, arm_length, shade_angle)

    # Shade: open cone widening along the last hinge's +Z axis.
    shade = _cyl("Shade", 0.03, 0.08, 0.12, 0.0, paint, hinge3, cap=False, segments=32)
    shade.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.003
    shade.data.shade_smooth()

    bulb_data = bpy.data.lights.new("LampBulb", 'SPOT')
    bulb_data.energy = light_energy
    bulb_data.spot_size = math.radians(70)
    bulb_data.spot_blend = 0.4
    bulb_data.color = (1.0, 0.9, 0.75)
    bulb = bpy.data.objects.new("LampBulb", bulb_data)
    bulb.parent = hinge3
    bulb.location = (0, 0, 0.04)
    bulb.rotation_euler.x = math.pi       # spot lights shine along local -Z; flip to +Z
    bpy.context.collection.objects.link(bulb)
    return root


if __name__ == "__main__":
    build()
