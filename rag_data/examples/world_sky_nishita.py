# title: Physical daylight with the Nishita Sky Texture
# shows: Builds a world node tree with a Sky Texture (sky_type NISHITA, sun_elevation, sun_rotation, altitude, air/dust density) connected to the Background shader.
# tags: world, sky texture, nishita, sun, daylight, environment
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_plane_add(size=20)
bpy.ops.mesh.primitive_cube_add(location=(0, 0, 1))

world = bpy.data.worlds.new("Daylight")
bpy.context.scene.world = world
world.use_nodes = True
nodes, links = world.node_tree.nodes, world.node_tree.links

sky = nodes.new("ShaderNodeTexSky")
sky.sky_type = 'NISHITA'
sky.sun_elevation = math.radians(25)
sky.sun_rotation = math.radians(120)
sky.sun_size = math.radians(0.545)
sky.altitude = 100.0       # metres above sea level
sky.air_density = 1.0
sky.dust_density = 2.0     # hazier
sky.sun_disc = True

background = nodes["Background"]
background.inputs["Strength"].default_value = 0.3  # Nishita is very bright
links.new(sky.outputs["Color"], background.inputs["Color"])
