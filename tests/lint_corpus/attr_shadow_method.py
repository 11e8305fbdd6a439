# mistake: Material.shadow_method was removed in Blender 4.2
# blender-error: AttributeError at line 9

import bpy

glass = bpy.data.materials.new("Glass")
glass.use_nodes = True
glass.blend_method = 'BLEND'
glass.shadow_method = 'HASHED'
glass.diffuse_color = (0.8, 0.9, 1.0, 0.3)
