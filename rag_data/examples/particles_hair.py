# title: Scatter objects with a particle system (hair instancing)
# shows: Adds a particle system via modifiers.new(type='PARTICLE_SYSTEM'), configures ParticleSettings as HAIR with count, render_type OBJECT, instance_object and random size/rotation.
# tags: particles, hair, particle system, instancing, scatter, render_type
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cone_add(radius1=0.1, depth=0.4, location=(0, 0, -3))
blade = bpy.context.object
blade.name = "Blade"

bpy.ops.mesh.primitive_plane_add(size=4)
lawn = bpy.context.object

lawn.modifiers.new("Grass", type='PARTICLE_SYSTEM')
settings = lawn.particle_systems[0].settings
settings.type = 'HAIR'
settings.count = 300
settings.hair_length = 0.4
settings.use_advanced_hair = True
settings.render_type = 'OBJECT'
settings.instance_object = blade
settings.particle_size = 1.0
settings.size_random = 0.5
settings.use_rotations = True
settings.rotation_mode = 'NOR'
settings.phase_factor_random = 2.0   # random spin around the normal
lawn.particle_systems[0].seed = 3

depsgraph = bpy.context.evaluated_depsgraph_get()
print("particles:", len(lawn.evaluated_get(depsgraph).particle_systems[0].particles))
