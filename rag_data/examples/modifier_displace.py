# title: Roughen a surface with a Displace modifier and a procedural texture
# shows: Creates a Clouds texture datablock and uses it in a Displace modifier with strength and mid level on a subdivided grid.
# tags: modifier, displace, texture, clouds, terrain
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_grid_add(x_subdivisions=64, y_subdivisions=64, size=4.0)
obj = bpy.context.object
obj.name = "Landscape"

# Legacy (non-node) textures are still what Displace uses.
tex = bpy.data.textures.new("Hills", type='CLOUDS')
tex.noise_scale = 0.6
tex.noise_depth = 3

disp = obj.modifiers.new(name="Displace", type='DISPLACE')
disp.texture = tex
disp.texture_coords = 'LOCAL'
disp.direction = 'Z'
disp.strength = 0.8
disp.mid_level = 0.5

obj.data.shade_smooth()
