# title: Analytic sky with the Hosek/Wilkie Sky Texture
# shows: Uses Sky Texture sky_type HOSEK_WILKIE with sun_direction, turbidity and ground_albedo; adds a matching sun lamp pointing along the same direction.
# tags: world, sky texture, hosek wilkie, turbidity, sun direction, sun light
# blender: 4.2

import bpy
from mathutils import Vector

bpy.ops.mesh.primitive_uv_sphere_add(location=(0, 0, 1))

world = bpy.context.scene.world or bpy.data.worlds.new("World")
bpy.context.scene.world = world
world.use_nodes = True
nt = world.node_tree

sun_dir = Vector((0.4, -0.6, 0.7)).normalized()
sky = nt.nodes.new("ShaderNodeTexSky")
sky.sky_type = 'HOSEK_WILKIE'      # or 'PREETHAM'
sky.sun_direction = sun_dir        # direction *towards* the sun
sky.turbidity = 3.0
sky.ground_albedo = 0.3
nt.links.new(sky.outputs["Color"], nt.nodes["Background"].inputs["Color"])

# A sun lamp that shines from the sky's sun position.
sun = bpy.data.objects.new("Sun", bpy.data.lights.new("Sun", 'SUN'))
sun.data.energy = 4.0
sun.rotation_euler = sun_dir.to_track_quat('Z', 'Y').to_euler()
bpy.context.collection.objects.link(sun)
