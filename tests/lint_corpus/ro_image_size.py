# mistake: Image.size is read-only (use image.scale(width, height))
# blender-error: AttributeError at line 7

import bpy

img = bpy.data.images.new("Mask", width=256, height=256)
img.size = (1024, 1024)
img.pixels = [1.0] * (1024 * 1024 * 4)
