# title: Candle with emissive flame and point light
# shows: Builds a wax cylinder with a bevelled top, a wick, a teardrop flame from a scaled UV sphere with an Emission material, and a warm point light, all parented to the candle.
# tags: asset, candle, flame, emission, point light, wax, subsurface
# blender: 4.2
# params: height=0.15, radius=0.025, wax_color=(0.95, 0.9, 0.8, 1.0), flame_color=(1.0, 0.55, 0.15, 1.0), light_energy=2.0, location=(0, 0, 0)

import bpy
import bmesh
from mathutils import Matrix


def _mesh_object(name, bm, mat, parent=None, smooth=True):
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


def build(height=0.15, radius=0.025, wax_color=(0.95, 0.9, 0.8, 1.0),
          flame_color=(1.0, 0.55, 0.15, 1.0), light_energy=2.0, location=(0, 0, 0)):
    wax = bpy.data.materials.new("Wax")
    wax.use_nodes = True
    bsdf = wax.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = wax_color
    bsdf.inputs["Subsurface Weight"].default_value = 0.5
    bsdf.inputs["Subsurface Radius"].default_value = (1.0, 0.6, 0.3)
    bsdf.inputs["Subsurface Scale"].default_value = 0.01
    wax.diffuse_color = wax_color

    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=32, radius1=radius, radius2=radius,
                          depth=height, matrix=Matrix.Translation((0, 0, height / 2)))
    top_rim = [e for e in bm.edges if all(v.co.z > height - 1e-5 for v in e.verts)
               and all(abs(v.co.xy.length - radius) < 1e-5 for v in e.verts)]
    bmesh.ops.bevel(bm, geom=top_rim, offset=radius * 0.15, segments=3, affect='EDGES')
    candle = _mesh_object("Candle", bm, wax)
    candle.location = location

    wick_mat = bpy.data.materials.new("Wick")
    wick_mat.diffuse_color = (0.02, 0.02, 0.02, 1.0)
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=6, radius1=0.0015, radius2=0.0012,
                          depth=0.012, matrix=Matrix.Translation((0, 0, height + 0.006)))
    _mesh_object("Wick", bm, wick_mat, candle, smooth=False)

    # Flame: sphere stretched upward, then its top pinched into a tip.
    flame_mat = bpy.data.materials.new("Flame")
    flame_mat.use_nodes = True
    nodes = flame_mat.node_tree.nodes
    nodes.remove(nodes["Principled BSDF"])
    emit = nodes.new("ShaderNodeEmission")
    emit.inputs["Color"].default_value = flame_color
    emit.inputs["Strength"].default_value = 10.0
    flame_mat.node_tree.links.new(emit.outputs["Emission"], nodes["Material Output"].inputs["Surface"])
    flame_mat.diffuse_color = flame_color

    bm = bmesh.new()
    fr = radius * 0.3
    bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=10, radius=fr)
    for v in bm.verts:
        if v.co.z > 0:
            v.co.xy *= 1.0 - v.co.z / fr * 0.8   # narrow toward the tip
            v.co.z *= 3.0
    bmesh.ops.translate(bm, verts=bm.verts[:], vec=(0, 0, height + 0.012 + fr))
    _mesh_object("Flame", bm, flame_mat, candle)

    light = bpy.data.lights.new("CandleLight", 'POINT')
    light.energy = light_energy
    light.color = flame_color[:3]
    light.shadow_soft_size = 0.01
    lamp = bpy.data.objects.new("CandleLight", light)
    lamp.parent = candle
    lamp.location = (0, 0, height + 0.03)
    bpy.context.collection.objects.link(lamp)
    return candle


if __name__ == "__main__":
    build()
