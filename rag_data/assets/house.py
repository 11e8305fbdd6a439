# title: Small house with gabled roof, door, windows and chimney
# shows: Cuts the long walls into a grid with subdivide_edges and insets single cells into window recesses (no Booleans), a gabled roof from from_pydata with Solidify overhang, a chimney and per-part materials under a root empty.
# tags: asset, house, building, architecture, inset, from_pydata, solidify
# blender: 4.2
# params: width=6.0, depth=5.0, wall_height=3.0, roof_height=2.0, windows_per_side=2, wall_color=(0.85, 0.8, 0.7, 1.0), roof_color=(0.5, 0.12, 0.08, 1.0), location=(0, 0, 0)

import bpy
import bmesh
from mathutils import Matrix, Vector


def _material(name, color, roughness=0.7, metallic=0.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = color
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = color
    return mat


def _link(name, mesh, parent):
    obj = bpy.data.objects.new(name, mesh)
    obj.parent = parent
    bpy.context.collection.objects.link(obj)
    return obj


def build(width=6.0, depth=5.0, wall_height=3.0, roof_height=2.0, windows_per_side=2,
          wall_color=(0.85, 0.8, 0.7, 1.0), roof_color=(0.5, 0.12, 0.08, 1.0), location=(0, 0, 0)):
    root = bpy.data.objects.new("House", None)
    root.location = location
    bpy.context.collection.objects.link(root)
    W, D, H = width, depth, wall_height

    # Walls: a box whose long side faces are cut into a grid so single cells
    # can be inset and pushed in as windows; slot 1 (glass) for the openings.
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale((0, 0, H / 2), None, (W, D, H)))
    cols = windows_per_side * 2 + 1

    def side_edges(along_z):
        return [e for e in bm.edges
                if all(abs(v.co.y) > D / 2 - 1e-4 for v in e.verts)
                and (abs(e.verts[0].co.z - e.verts[1].co.z) > 1e-4) == along_z]

    # Columns first (cut the horizontal edges), then three rows.
    bmesh.ops.subdivide_edges(bm, edges=side_edges(False), cuts=cols - 1, use_grid_fill=True)
    bmesh.ops.subdivide_edges(bm, edges=side_edges(True), cuts=2, use_grid_fill=True)
    openings = []
    for f in bm.faces:
        if abs(f.normal.y) > 0.9:
            c = f.calc_center_median()
            col = round((c.x + W / 2) / (W / cols) - 0.5)
            row = round(c.z / (H / 3) - 0.5)
            if col % 2 == 1 and row == 1:   # middle row, every other column
                openings.append(f)
    bmesh.ops.inset_individual(bm, faces=openings, thickness=W / cols * 0.2, depth=-0.1)
    for f in openings:
        f.material_index = 1
    mesh = bpy.data.meshes.new("Walls")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(_material("Plaster", wall_color, 0.9))
    mesh.materials.append(_material("WindowGlass", (0.2, 0.3, 0.4, 1.0), 0.05))
    _link("Walls", mesh, root)

    # Door: a box on the front wall centre (−Y side).
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (0, -D / 2 - 0.03, H * 0.33), None, (W * 0.15, 0.08, H * 0.66)))
    door = bpy.data.meshes.new("Door")
    bm.to_mesh(door)
    bm.free()
    door.materials.append(_material("DoorWood", (0.3, 0.15, 0.07, 1.0), 0.6))
    _link("Door", door, root)

    # Roof: two slopes meeting at a ridge along X, with overhang.
    o = 0.3
    verts = [(-W / 2 - o, -D / 2 - o, H - o * 0.5), (W / 2 + o, -D / 2 - o, H - o * 0.5),
             (W / 2 + o, 0, H + roof_height), (-W / 2 - o, 0, H + roof_height),
             (W / 2 + o, D / 2 + o, H - o * 0.5), (-W / 2 - o, D / 2 + o, H - o * 0.5)]
    roof = bpy.data.meshes.new("Roof")
    roof.from_pydata(verts, [], [(0, 1, 2, 3), (3, 2, 4, 5)])
    roof.materials.append(_material("RoofTiles", roof_color, 0.8))
    roof_obj = _link("Roof", roof, root)
    roof_obj.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.15

    # Gable triangles close the roof ends.
    gables = bpy.data.meshes.new("Gables")
    gables.from_pydata([(-W / 2, -D / 2, H), (-W / 2, D / 2, H), (-W / 2, 0, H + roof_height * 0.95),
                        (W / 2, -D / 2, H), (W / 2, D / 2, H), (W / 2, 0, H + roof_height * 0.95)],
                       [], [(0, 1, 2), (3, 5, 4)])
    gables.materials.append(mesh.materials[0])
    _link("Gables", gables, root)

    # Chimney through the roof.
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(
        (W * 0.25, D * 0.2, H + roof_height * 0.8), None, (0.5, 0.5, roof_height)))
    chimney = bpy.data.meshes.new("Chimney")
    bm.to_mesh(chimney)
    bm.free()
    chimney.materials.append(_material("Brick", (0.45, 0.2, 0.15, 1.0), 0.9))
    _link("Chimney", chimney, root)
    return root


if __name__ == "__main__":
    build()
