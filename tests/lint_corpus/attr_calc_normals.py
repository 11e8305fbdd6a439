# mistake: Mesh.calc_normals() was removed in Blender 4.0 (normals are computed on demand)
# blender-error: AttributeError at line 9

import bpy

mesh = bpy.data.meshes.new("Tri")
mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])
mesh.update()
mesh.calc_normals()

for poly in mesh.polygons:
    print(poly.index, tuple(poly.normal))
