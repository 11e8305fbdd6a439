# title: Create a mesh from Python lists with from_pydata
# shows: Defines vertices, edges and faces as lists, builds a mesh with mesh.from_pydata, validates and updates it, and links a new object to the active collection.
# tags: mesh, from_pydata, vertices, faces, create, object
# blender: 4.2

import bpy

# A simple house shape: box with a gabled roof.
verts = [
    (-1, -1, 0), (1, -1, 0), (1, 1, 0), (-1, 1, 0),   # floor 0-3
    (-1, -1, 1), (1, -1, 1), (1, 1, 1), (-1, 1, 1),   # wall tops 4-7
    (0, -1, 1.7), (0, 1, 1.7),                        # ridge 8-9
]
faces = [
    (0, 3, 2, 1),                 # floor (facing down)
    (0, 1, 5, 4), (1, 2, 6, 5),   # walls
    (2, 3, 7, 6), (3, 0, 4, 7),
    (4, 5, 8), (6, 7, 9),         # gable triangles
    (5, 6, 9, 8), (7, 4, 8, 9),   # roof slopes
]

mesh = bpy.data.meshes.new("House")
mesh.from_pydata(verts, [], faces)   # edges are derived from faces
mesh.validate()                      # fix any invalid geometry
mesh.update()

house = bpy.data.objects.new("House", mesh)
bpy.context.collection.objects.link(house)
bpy.context.view_layer.objects.active = house
print(len(mesh.vertices), "verts,", len(mesh.edges), "edges,", len(mesh.polygons), "faces")
