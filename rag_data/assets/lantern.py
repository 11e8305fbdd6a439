# title: Hanging lantern with glass panes and glowing core
# shows: Combines a metal frame (wireframe modifier on a hexagonal prism), glass panes with transmission, a cone roof, a ring handle and an emissive core plus point light under a root empty.
# tags: asset, lantern, wireframe, glass, emission, point light, metal
# blender: 4.2
# params: height=0.3, radius=0.1, sides=6, frame_thickness=0.008, metal_color=(0.12, 0.1, 0.08, 1.0), glow_color=(1.0, 0.7, 0.3, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix


def _material(name, color, roughness=0.5, metallic=0.0, transmission=0.0, emission=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Transmission Weight"].default_value = transmission
    if emission:
        bsdf.inputs["Emission Color"].default_value = color
        bsdf.inputs["Emission Strength"].default_value = emission
    mat.diffuse_color = color
    return mat


def _obj(name, bm, mat, parent):
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(height=0.3, radius=0.1, sides=6, frame_thickness=0.008,
          metal_color=(0.12, 0.1, 0.08, 1.0), glow_color=(1.0, 0.7, 0.3, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("Lantern", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    metal = _material("LanternMetal", metal_color, 0.4, 1.0)
    body_h = height * 0.6
    base_h = height * 0.06

    # Base plate.
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=sides, radius1=radius * 1.1,
                          radius2=radius * 1.1, depth=base_h, matrix=Matrix.Translation((0, 0, base_h / 2)))
    _obj("Base", bm, metal, root)

    # Frame: the same prism rendered as struts by a Wireframe modifier.
    def prism():
        bm = bmesh.new()
        bmesh.ops.create_cone(bm, cap_ends=False, segments=sides, radius1=radius, radius2=radius,
                              depth=body_h, matrix=Matrix.Translation((0, 0, base_h + body_h / 2)))
        return bm
    frame = _obj("Frame", prism(), metal, root)
    wire = frame.modifiers.new("Struts", 'WIREFRAME')
    wire.thickness = frame_thickness
    wire.use_even_offset = True
    _obj("Glass", prism(), _material("LanternGlass", (0.95, 0.9, 0.8, 1.0), 0.1, 0.0, 1.0), root)

    # Roof cone and a ring handle.
    roof_h = height * 0.22
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=sides, radius1=radius * 1.25, radius2=radius * 0.15,
                          depth=roof_h, matrix=Matrix.Translation((0, 0, base_h + body_h + roof_h / 2)))
    _obj("Roof", bm, metal, root)

    ring_r = height * 0.08
    bm = bmesh.new()
    circle = bmesh.ops.create_circle(bm, segments=8, radius=frame_thickness * 0.6,
                                     matrix=Matrix.Translation((ring_r, 0, 0)) @ Matrix.Rotation(math.pi / 2, 4, 'X'))
    edges = list({e for v in circle["verts"] for e in v.link_edges})
    bmesh.ops.spin(bm, geom=circle["verts"] + edges, axis=(0, 1, 0), angle=2 * math.pi, steps=24)
    bmesh.ops.remove_doubles(bm, verts=bm.verts[:], dist=1e-6)
    bmesh.ops.translate(bm, verts=bm.verts[:], vec=(0, 0, base_h + body_h + roof_h + ring_r * 0.8))
    _obj("Handle", bm, metal, root).data.shade_smooth()

    # Glowing core and its light.
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=8, radius=radius * 0.3,
                              matrix=Matrix.Translation((0, 0, base_h + body_h * 0.45)))
    _obj("Flame", bm, _material("LanternGlow", glow_color, emission=8.0), root).data.shade_smooth()
    light = bpy.data.objects.new("LanternLight", bpy.data.lights.new("LanternLight", 'POINT'))
    light.data.energy = 15.0
    light.data.color = glow_color[:3]
    light.parent = root
    light.location = (0, 0, base_h + body_h * 0.45)
    bpy.context.collection.objects.link(light)
    return root


if __name__ == "__main__":
    build()
