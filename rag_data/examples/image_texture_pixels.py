# title: Generate an image in Python and use it as a texture
# shows: Creates an image with bpy.data.images.new, writes a checker pattern through image.pixels.foreach_set with numpy, packs it, and wires it into a material via an Image Texture node with UV mapping.
# tags: image, texture, pixels, numpy, image texture node, pack, uv
# blender: 4.2

import bpy
import numpy as np

size = 64
img = bpy.data.images.new("Checker", width=size, height=size, alpha=False)

# Pixels are a flat RGBA float array, rows from the bottom up.
y, x = np.mgrid[0:size, 0:size]
check = ((x // 8 + y // 8) % 2).astype(np.float32)
rgba = np.empty((size, size, 4), dtype=np.float32)
rgba[..., 0] = 0.2 + 0.7 * check
rgba[..., 1] = 0.2 + 0.5 * check
rgba[..., 2] = 0.3
rgba[..., 3] = 1.0
img.pixels.foreach_set(rgba.ravel())
img.update()
img.pack()                      # store inside the .blend instead of on disk

bpy.ops.mesh.primitive_cube_add()   # primitives come with a "UVMap"
cube = bpy.context.object

mat = bpy.data.materials.new("Checker")
mat.use_nodes = True
nodes, links = mat.node_tree.nodes, mat.node_tree.links
tex = nodes.new("ShaderNodeTexImage")
tex.image = img
tex.interpolation = 'Closest'   # crisp pixels
uv = nodes.new("ShaderNodeUVMap")
uv.uv_map = "UVMap"
links.new(uv.outputs["UV"], tex.inputs["Vector"])
links.new(tex.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
cube.data.materials.append(mat)
print("image packed:", img.packed_file is not None, "size:", tuple(img.size))
