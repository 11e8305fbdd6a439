# title: Model half a shape and mirror it with the Mirror modifier
# shows: Builds one half of a mesh off-centre, adds a Mirror modifier on X with clipping and merging so the halves weld at the centre line.
# tags: modifier, mirror, symmetry, merge, clipping
# blender: 4.2

import bpy

# Half of an arrow shape lying on the +X side.
verts = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (2, 1, 0), (0, 2.5, 0)]
faces = [(0, 1, 2, 4), (2, 3, 4)]
mesh = bpy.data.meshes.new("ArrowHalf")
mesh.from_pydata(verts, [], faces)

obj = bpy.data.objects.new("Arrow", mesh)
bpy.context.collection.objects.link(obj)

mirror = obj.modifiers.new(name="Mirror", type='MIRROR')
mirror.use_axis = (True, False, False)  # mirror across the YZ plane
mirror.use_clip = True                  # centre vertices cannot cross over
mirror.use_mirror_merge = True
mirror.merge_threshold = 0.001

# Give the flat shape some thickness afterwards.
obj.modifiers.new(name="Solidify", type='SOLIDIFY').thickness = 0.2
