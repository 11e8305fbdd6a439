# title: Common object constraints (Copy Location, Limit, Child Of, Damped Track)
# shows: Adds COPY_LOCATION with axis flags and offset, LIMIT_LOCATION with min/max, DAMPED_TRACK aiming, and CHILD_OF with set_inverse_pending, then evaluates matrix_world.
# tags: constraints, copy location, limit location, damped track, child of
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(radius=0.3, location=(2, 1, 1))
leader = bpy.context.object
leader.name = "Leader"

# Follows the leader on X and Y only, offset by its own location.
bpy.ops.mesh.primitive_cube_add(size=0.4, location=(0, -1, 0))
follower = bpy.context.object
copy = follower.constraints.new('COPY_LOCATION')
copy.target = leader
copy.use_z = False
copy.use_offset = True

# Keep it inside a box.
limit = follower.constraints.new('LIMIT_LOCATION')
limit.use_max_x, limit.max_x = True, 1.5
limit.use_transform_limit = True

# A cone that always points its +Y at the leader.
bpy.ops.mesh.primitive_cone_add(radius1=0.2, depth=0.6, location=(-2, 0, 0))
pointer = bpy.context.object
aim = pointer.constraints.new('DAMPED_TRACK')
aim.target = leader
aim.track_axis = 'TRACK_Y'

# Child Of: like parenting but blendable via influence.
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.15, location=(2, 1, 1.6))
moon = bpy.context.object
child = moon.constraints.new('CHILD_OF')
child.target = leader
child.set_inverse_pending = True   # keep current offset (no operator needed)
child.influence = 1.0

bpy.context.view_layer.update()
print("follower at:", tuple(round(c, 2) for c in follower.matrix_world.translation))
