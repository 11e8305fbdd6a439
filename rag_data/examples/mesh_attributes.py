# title: Read and write mesh attributes (position, custom, face data)
# shows: Uses mesh.attributes.new for POINT and FACE domains, fills them with foreach_set, reads the built-in "position" attribute and lists attribute names and types.
# tags: mesh, attributes, foreach_set, foreach_get, domain, position
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_grid_add(x_subdivisions=10, y_subdivisions=10, size=2)
mesh = bpy.context.object.data

# Built-in positions are also an attribute ("position", FLOAT_VECTOR, POINT).
positions = [0.0] * (len(mesh.vertices) * 3)
mesh.attributes["position"].data.foreach_get("vector", positions)

# Custom float attribute on vertices: distance from the centre.
dist = mesh.attributes.new(name="distance", type='FLOAT', domain='POINT')
values = [(positions[i] ** 2 + positions[i + 1] ** 2) ** 0.5 for i in range(0, len(positions), 3)]
dist.data.foreach_set("value", values)

# Integer attribute per face, plus a boolean.
region = mesh.attributes.new(name="region", type='INT', domain='FACE')
region.data.foreach_set("value", [i % 4 for i in range(len(mesh.polygons))])
flag = mesh.attributes.new(name="is_edge", type='BOOLEAN', domain='FACE')
for poly, item in zip(mesh.polygons, flag.data):
    item.value = any(abs(c) > 0.8 for c in poly.center.xy)

# Raise vertices by their distance value through the position attribute.
for i, d in enumerate(values):
    positions[i * 3 + 2] = 0.3 * d
mesh.attributes["position"].data.foreach_set("vector", positions)
mesh.update()

for attr in mesh.attributes:
    print(attr.name, attr.data_type, attr.domain)
