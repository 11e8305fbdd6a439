# title: Procedural boulder from a displaced icosphere
# shows: Subdivides and squashes an icosphere, flattens its base, roughens it with a Displace modifier using a Voronoi texture plus a Smooth modifier, and shades it with a Noise -> Color Ramp + Bump stone material.
# tags: asset, rock, boulder, displace, texture, noise, nature
# blender: 4.2
# params: size=1.0, roughness=0.35, detail=4, seed=6, color=(0.4, 0.38, 0.35, 1.0), location=(0, 0, 0)

import random
import bpy
import bmesh
from mathutils import Matrix


def build(size=1.0, roughness=0.35, detail=4, seed=6, color=(0.4, 0.38, 0.35, 1.0), location=(0, 0, 0)):
    rng = random.Random(seed)
    bm = bmesh.new()
    bmesh.ops.create_icosphere(bm, subdivisions=detail, radius=size * 0.5,
                               matrix=Matrix.Diagonal((rng.uniform(0.9, 1.3), rng.uniform(0.8, 1.1), 0.7, 1.0)))
    for v in bm.verts:                       # flat underside so it sits on the ground
        v.co.z = max(v.co.z, -size * 0.2)
    bmesh.ops.translate(bm, verts=bm.verts[:], vec=(0, 0, size * 0.2))
    mesh = bpy.data.meshes.new("Rock")
    bm.to_mesh(mesh)
    bm.free()
    mesh.shade_smooth()

    rock = bpy.data.objects.new("Rock", mesh)
    rock.location = location
    bpy.context.collection.objects.link(rock)

    tex = bpy.data.textures.new("RockShape", type='VORONOI')
    tex.noise_scale = size * 0.6
    tex.distance_metric = 'DISTANCE'
    disp = rock.modifiers.new("Displace", 'DISPLACE')
    disp.texture = tex
    disp.strength = size * roughness
    disp.texture_coords = 'LOCAL'
    rock.modifiers.new("Smooth", 'SMOOTH').iterations = 2

    mat = bpy.data.materials.new("Stone")
    mat.use_nodes = True
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    bsdf = nodes["Principled BSDF"]
    bsdf.inputs["Roughness"].default_value = 0.85
    noise = nodes.new("ShaderNodeTexNoise")
    noise.inputs["Scale"].default_value = 8.0 / size
    noise.inputs["Detail"].default_value = 8.0
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = tuple(c * 0.6 for c in color[:3]) + (1.0,)
    ramp.color_ramp.elements[1].color = tuple(min(c * 1.4, 1.0) for c in color[:3]) + (1.0,)
    bump = nodes.new("ShaderNodeBump")
    bump.inputs["Strength"].default_value = 0.3
    links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    links.new(noise.outputs["Fac"], bump.inputs["Height"])
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    mat.diffuse_color = color
    mesh.materials.append(mat)
    return rock


if __name__ == "__main__":
    build()
