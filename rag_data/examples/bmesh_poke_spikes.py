# title: Poke faces and pull the centres out into spikes
# shows: Uses bmesh.ops.poke on an icosphere to add a centre vertex per face and moves those vertices along their normals.
# tags: bmesh, poke, spikes, icosphere, normals
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_icosphere(bm, subdivisions=1, radius=1.0)

ret = bmesh.ops.poke(bm, faces=bm.faces[:])
# Each new centre vertex moves outward along its own direction.
for v in ret["verts"]:
    v.co += v.co.normalized() * 0.6

bm.normal_update()
mesh = bpy.data.meshes.new("SpikyBall")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("SpikyBall", mesh)
bpy.context.collection.objects.link(obj)
