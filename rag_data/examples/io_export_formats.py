# title: Export the scene to glTF, OBJ, FBX and STL
# shows: Calls the exporters headlessly with file paths and common options: export_scene.gltf (GLB, apply modifiers), wm.obj_export (4.x C++ exporter), export_scene.fbx and wm.stl_export.
# tags: export, gltf, glb, obj, fbx, stl, io, file formats
# blender: 4.2

import os
import tempfile
import bpy

bpy.ops.mesh.primitive_monkey_add()
monkey = bpy.context.object
monkey.modifiers.new("Smooth", 'SUBSURF').levels = 1
out_dir = tempfile.mkdtemp(prefix="bpy_export_")

# glTF binary; export_apply bakes modifiers into the exported mesh.
bpy.ops.export_scene.gltf(filepath=os.path.join(out_dir, "scene.glb"),
                          export_format='GLB', export_apply=True, use_selection=False)

# OBJ: the 4.x exporter lives under wm (export_scene.obj was removed in 4.0).
bpy.ops.wm.obj_export(filepath=os.path.join(out_dir, "scene.obj"),
                      export_selected_objects=False, apply_modifiers=True,
                      export_materials=False, forward_axis='NEGATIVE_Z', up_axis='Y')

bpy.ops.export_scene.fbx(filepath=os.path.join(out_dir, "scene.fbx"),
                         use_selection=False, apply_scale_options='FBX_SCALE_ALL')

# STL likewise moved to wm.stl_export (4.2+).
bpy.ops.wm.stl_export(filepath=os.path.join(out_dir, "scene.stl"), ascii_format=False)

for name in sorted(os.listdir(out_dir)):
    print(name, os.path.getsize(os.path.join(out_dir, name)), "bytes")
