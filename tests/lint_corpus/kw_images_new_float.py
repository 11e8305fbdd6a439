# mistake: BlendDataImages.new has float_buffer, not float
# blender-error: TypeError at line 6

import bpy

bake_img = bpy.data.images.new("BakeTarget", width=2048, height=2048, alpha=False, float=True)
bake_img.generated_color = (0.5, 0.5, 1.0, 1.0)
