# title: Create a smooth UV sphere with bmesh
# shows: Uses bmesh.ops.create_uvsphere with segment/ring counts and radius, generates UVs, and marks every face smooth.
# tags: bmesh, mesh, sphere, primitive, smooth shading, uv
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
# calc_uvs only fills an existing UV layer, so create one first.
bm.loops.layers.uv.new("UVMap")
# u_segments go around the equator, v_segments from pole to pole.
bmesh.ops.create_uvsphere(bm, u_segments=32, v_segments=16, radius=1.0, calc_uvs=True)

# Smooth shading is a per-face flag.
for face in bm.faces:
    face.smooth = True

mesh = bpy.data.meshes.new("Sphere")
bm.to_mesh(mesh)
bm.free()

obj = bpy.data.objects.new("Sphere", mesh)
bpy.context.scene.collection.objects.link(obj)
print("UV layers:", [uv.name for uv in mesh.uv_layers])
