# title: Fast vertex access with foreach_get/foreach_set and numpy
# shows: Reads vertex coordinates of a large grid into a numpy array with vertices.foreach_get('co'), applies a vectorised deformation and writes it back in one call.
# tags: mesh, numpy, foreach_get, foreach_set, performance, vertices
# blender: 4.2

import bpy
import numpy as np

bpy.ops.mesh.primitive_grid_add(x_subdivisions=200, y_subdivisions=200, size=4)
mesh = bpy.context.object.data

count = len(mesh.vertices)
co = np.empty(count * 3, dtype=np.float32)
mesh.vertices.foreach_get("co", co)
co = co.reshape(count, 3)

# Vectorised "sombrero" height field.
r = np.hypot(co[:, 0], co[:, 1]) * 4.0
co[:, 2] = np.sinc(r / np.pi) * 0.8

mesh.vertices.foreach_set("co", co.ravel())
mesh.update()
mesh.shade_smooth()
print("vertices:", count, "max height:", float(co[:, 2].max()))
