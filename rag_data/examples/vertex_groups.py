# title: Create vertex groups and assign weights
# shows: Adds vertex groups with obj.vertex_groups.new, assigns weights per vertex with group.add(indices, weight, 'REPLACE'), reads them back, and uses one to limit a modifier.
# tags: vertex groups, weights, vertex_groups.new, add, modifier, weight paint
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=16, depth=3.0)
obj = bpy.context.object
mesh = obj.data

top = obj.vertex_groups.new(name="Top")
gradient = obj.vertex_groups.new(name="Gradient")

# Same weight for a whole list of indices...
top_ids = [v.index for v in mesh.vertices if v.co.z > 0]
top.add(top_ids, 1.0, 'REPLACE')

# ...or one vertex at a time with individual weights.
for v in mesh.vertices:
    gradient.add([v.index], (v.co.z + 1.5) / 3.0, 'REPLACE')

# Reading weights: each vertex lists the groups it belongs to.
v0 = mesh.vertices[top_ids[0]]
print({obj.vertex_groups[g.group].name: round(g.weight, 2) for g in v0.groups})
print("weight via group.weight():", gradient.weight(top_ids[0]))

# Use the group to restrict a deform modifier.
bend = obj.modifiers.new("Twist", 'SIMPLE_DEFORM')
bend.deform_method = 'TWIST'
bend.vertex_group = "Gradient"
