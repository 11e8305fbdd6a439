# mistake: Principled BSDF input "Transmission" was renamed "Transmission Weight" in Blender 4.0
# blender-error: KeyError at line 13

import bpy


def make_glass(name, ior=1.45):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes.new("ShaderNodeBsdfPrincipled")
    bsdf.inputs["Roughness"].default_value = 0.0
    bsdf.inputs["IOR"].default_value = ior
    bsdf.inputs["Transmission"].default_value = 1.0
    return mat


make_glass("Window")
