# title: Turn an open surface into a shell with Solidify
# shows: Removes the top of a sphere to make a bowl and adds a Solidify modifier with thickness, offset and even thickness enabled.
# tags: modifier, solidify, thickness, shell, bowl
# blender: 4.2

import bpy
import bmesh

bpy.ops.mesh.primitive_uv_sphere_add(radius=1.0, segments=32, ring_count=16)
obj = bpy.context.object
obj.name = "Bowl"

# Delete the upper half so there is an opening.
bm = bmesh.new()
bm.from_mesh(obj.data)
bmesh.ops.delete(bm, geom=[v for v in bm.verts if v.co.z > 0.2], context='VERTS')
bm.to_mesh(obj.data)
bm.free()

solid = obj.modifiers.new(name="Solidify", type='SOLIDIFY')
solid.thickness = 0.08
solid.offset = -1.0          # grow inward, keep the outer surface in place
solid.use_even_offset = True
solid.use_rim = True          # close the rim between inner and outer shell
obj.data.shade_smooth()
