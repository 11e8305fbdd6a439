# title: Resolve blend-relative paths and find user script folders
# shows: Uses bpy.path.abspath / relpath for '//' paths relative to the saved .blend, bpy.path.basename, clean_name and ensure_ext for file names, and bpy.utils.script_path_user() / bpy.utils.user_resource('SCRIPTS', path=...) for the user's add-on and config folders; an image is saved next to the .blend and loaded back through a relative path.
# tags: bpy.path, abspath, relpath, script_path_user, user_resource, file paths, relative paths
# blender: 4.2

import os
import tempfile
import bpy

print("user scripts:", bpy.utils.script_path_user())
print("user add-ons:", bpy.utils.user_resource('SCRIPTS', path="addons"))     # create=False: may not exist
print("user config:", bpy.utils.user_resource('CONFIG'))
print("file name:", bpy.path.ensure_ext(bpy.path.clean_name("Crate Diffuse (v2)"), ".png"))

bpy.ops.mesh.primitive_plane_add(size=2)
plane = bpy.context.object

with tempfile.TemporaryDirectory() as project:
    # '//' means "the folder of the current .blend", so it needs a saved file.
    blend_path = os.path.join(project, "scene.blend")
    bpy.ops.wm.save_as_mainfile(filepath=blend_path)
    print("abspath of //textures:", bpy.path.abspath("//textures"))

    tex_dir = bpy.path.abspath("//textures")
    os.makedirs(tex_dir, exist_ok=True)
    img = bpy.data.images.new("checker", 32, 32)
    img.generated_type = 'COLOR_GRID'
    img.filepath_raw = os.path.join(tex_dir, bpy.path.ensure_ext("checker", ".png"))
    img.file_format = 'PNG'
    img.save()

    # Store the path relative to the .blend so the project folder can move.
    img.filepath = bpy.path.relpath(img.filepath_raw)
    print("stored path:", img.filepath, "-> exists:", os.path.exists(bpy.path.abspath(img.filepath)))
    print("basename:", bpy.path.basename(img.filepath))

    mat = bpy.data.materials.new("Checker")
    mat.use_nodes = True
    tex = mat.node_tree.nodes.new("ShaderNodeTexImage")
    tex.image = img
    mat.node_tree.links.new(tex.outputs["Color"], mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"])
    plane.data.materials.append(mat)
    img.pack()    # keep the pixels once the temporary folder is gone
