# title: Drop objects with rigid body physics and step the simulation
# shows: Adds a rigid body world, makes a passive ground and active cubes with bpy.ops.rigidbody.object_add (type, mass, friction, collision shape), steps frames with frame_set and reads the simulated positions.
# tags: physics, rigid body, simulation, rigidbody_world, collision, frame_set
# blender: 4.2

import bpy

scene = bpy.context.scene
scene.frame_start, scene.frame_end = 1, 60

bpy.ops.mesh.primitive_plane_add(size=10)
ground = bpy.context.object
bpy.ops.rigidbody.object_add(type='PASSIVE')   # also creates the rigid body world
ground.rigid_body.friction = 0.8

cubes = []
for i in range(3):
    bpy.ops.mesh.primitive_cube_add(size=0.5, location=(i * 0.3, 0, 1.5 + i * 0.7),
                                    rotation=(0.3 * i, 0.5, 0))
    cube = bpy.context.object
    bpy.ops.rigidbody.object_add(type='ACTIVE')
    cube.rigid_body.mass = 1.0
    cube.rigid_body.collision_shape = 'BOX'
    cube.rigid_body.restitution = 0.2
    cubes.append(cube)

world = scene.rigidbody_world
world.point_cache.frame_end = scene.frame_end
world.substeps_per_frame = 10

# Step through frames in order so the simulation cache fills up.
for frame in range(scene.frame_start, 41):
    scene.frame_set(frame)
print("heights at frame 40:", [round(c.matrix_world.translation.z, 2) for c in cubes])
