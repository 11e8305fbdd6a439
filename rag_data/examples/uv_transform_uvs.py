# title: Scale and offset existing UVs with foreach_get/foreach_set
# shows: Reads all UV coordinates of a mesh into a flat list with uv_layer.uv.foreach_get('vector'), tiles them 3x and writes them back with foreach_set.
# tags: uv, foreach_get, foreach_set, tiling, performance, uv_layers
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_plane_add(size=2.0)
plane = bpy.context.object
mesh = plane.data

uv_layer = mesh.uv_layers.active          # primitives come with "UVMap"
coords = [0.0] * (len(mesh.loops) * 2)
uv_layer.uv.foreach_get("vector", coords)

# Tile 3 times and shift by half a tile.
coords = [c * 3.0 + 0.5 for c in coords]
uv_layer.uv.foreach_set("vector", coords)
mesh.update()

# A second UV map, e.g. for lightmaps; make the first one the render map.
second = mesh.uv_layers.new(name="Lightmap")
mesh.uv_layers["UVMap"].active_render = True
print([layer.name for layer in mesh.uv_layers], coords[:4])
