# title: Inset every face of a cube to make panels
# shows: Insets each face separately with bmesh.ops.inset_individual, then pushes the inner faces inward with a depth value.
# tags: bmesh, inset, faces, panels, modeling
# blender: 4.2

import bpy
import bmesh

bm = bmesh.new()
bmesh.ops.create_cube(bm, size=2.0)

# thickness is the border width; a negative depth sinks the new inner faces.
ret = bmesh.ops.inset_individual(bm, faces=bm.faces[:], thickness=0.15,
                                 depth=-0.08, use_even_offset=True)
print("border faces created:", len(ret["faces"]))

mesh = bpy.data.meshes.new("PanelCube")
bm.to_mesh(mesh)
bm.free()
obj = bpy.data.objects.new("PanelCube", mesh)
bpy.context.collection.objects.link(obj)
