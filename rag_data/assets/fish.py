# title: Stylised fish with tail, fins and eyes
# shows: Deforms a UV sphere into a streamlined body by per-vertex profile scaling, adds a forked tail and dorsal fin from extruded polygons, eyes as spheres, and a gradient belly via a Color Ramp on Generated Z.
# tags: asset, fish, creature, animal, uv sphere, deform, color ramp
# blender: 4.2
# params: length=0.4, body_height=0.14, body_width=0.07, back_color=(0.1, 0.3, 0.6, 1.0), belly_color=(0.9, 0.9, 0.8, 1.0), fin_color=(0.9, 0.5, 0.1, 1.0), location=(0, 0, 0)

import math
import bpy
import bmesh
from mathutils import Matrix, Vector


def _simple(name, color, roughness=0.4):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = color
    return mat


def _gradient(name, bottom, top):
    """Colour by height using Generated coordinates -> Separate XYZ -> Color Ramp."""
    mat = _simple(name, top, 0.3)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    coords = nodes.new("ShaderNodeTexCoord")
    split = nodes.new("ShaderNodeSeparateXYZ")
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].position = 0.35
    ramp.color_ramp.elements[0].color = bottom
    ramp.color_ramp.elements[1].position = 0.6
    ramp.color_ramp.elements[1].color = top
    links.new(coords.outputs["Generated"], split.inputs["Vector"])
    links.new(split.outputs["Z"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
    return mat


def _fin(bm, points, thickness):
    """Flat polygon in the XZ plane extruded along Y for thickness."""
    face = bm.faces.new([bm.verts.new((x, -thickness / 2, z)) for x, z in points])
    ret = bmesh.ops.extrude_face_region(bm, geom=[face])
    bmesh.ops.translate(bm, verts=[v for v in ret["geom"] if isinstance(v, bmesh.types.BMVert)],
                        vec=(0, thickness, 0))


def _obj(name, bm, mat, parent=None, smooth=True):
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
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


def build(length=0.4, body_height=0.14, body_width=0.07, back_color=(0.1, 0.3, 0.6, 1.0),
          belly_color=(0.9, 0.9, 0.8, 1.0), fin_color=(0.9, 0.5, 0.1, 1.0), location=(0, 0, 0)):
    L = length
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=24, v_segments=12, radius=0.5,
                              matrix=Matrix.Rotation(math.pi / 2, 4, 'Y'))   # poles on X
    for v in bm.verts:
        t = v.co.x + 0.5                               # 0 = tail end, 1 = nose
        # Extra narrowing over the rear 60% so the body tapers into the tail.
        taper = 0.45 + 0.55 * min(t / 0.6, 1.0) ** 0.8
        v.co.x *= L
        v.co.y *= body_width * 2 * taper
        v.co.z *= body_height * 2 * taper
    fish = _obj("Fish", bm, _gradient("FishSkin", belly_color, back_color))
    fish.location = location

    fins = _simple("FishFins", fin_color, 0.5)
    bm = bmesh.new()
    tail_x = -L / 2
    _fin(bm, [(tail_x + L * 0.05, 0), (tail_x - L * 0.25, body_height * 0.7),
              (tail_x - L * 0.15, 0), (tail_x - L * 0.25, -body_height * 0.7)], 0.006)
    # Dorsal fin rooted just inside the back.
    _fin(bm, [(-L * 0.15, body_height * 0.75), (L * 0.1, body_height * 0.85),
              (-L * 0.1, body_height * 1.3)], 0.004)
    _obj("Fins", bm, fins, fish, smooth=False)

    eye_mat = _simple("FishEye", (0.01, 0.01, 0.01, 1.0), 0.05)
    bm = bmesh.new()
    for side in (-1, 1):
        bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=6, radius=body_height * 0.12,
                                  matrix=Matrix.Translation((L * 0.33, side * body_width * 0.55, body_height * 0.15)))
    _obj("Eyes", bm, eye_mat, fish)
    return fish


if __name__ == "__main__":
    build()
