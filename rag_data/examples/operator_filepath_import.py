# title: Operator with a file path property and a file browser
# shows: Declares filepath as StringProperty(subtype='FILE_PATH') plus a hidden filter_glob, opens the file browser in invoke with context.window_manager.fileselect_add(self), resolves '//' blend-relative paths with bpy.path.abspath, and builds a point mesh from a CSV file; the script writes a CSV and passes filepath directly.
# tags: operator, file path, StringProperty, FILE_PATH, fileselect_add, bpy.path.abspath, import, csv
# blender: 4.2

import csv
import math
import os
import tempfile
import bpy


class IMPORT_OT_filepath_points_csv(bpy.types.Operator):
    """Import x,y,z rows from a CSV file as mesh vertices"""
    bl_idname = "import_mesh.filepath_points_csv"
    bl_label = "Import Points CSV"
    bl_options = {'REGISTER', 'UNDO'}

    # The names filepath / filter_glob are what the file browser looks for.
    filepath: bpy.props.StringProperty(name="File Path", subtype='FILE_PATH')
    filter_glob: bpy.props.StringProperty(default="*.csv;*.txt", options={'HIDDEN'})
    scale: bpy.props.FloatProperty(name="Scale", default=1.0)

    def invoke(self, context, event):
        context.window_manager.fileselect_add(self)    # calls execute() after the user picks a file
        return {'RUNNING_MODAL'}

    def execute(self, context):
        path = bpy.path.abspath(self.filepath)          # "//points.csv" -> next to the .blend
        if not os.path.isfile(path):
            self.report({'ERROR'}, f"File not found: {path}")
            return {'CANCELLED'}

        with open(path, newline="") as fh:
            rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
        verts = [tuple(float(v) * self.scale for v in r[:3]) for r in rows]
        edges = [(i, i + 1) for i in range(len(verts) - 1)]

        name = bpy.path.display_name_from_filepath(path)   # file name without folder and extension
        mesh = bpy.data.meshes.new(name)
        mesh.from_pydata(verts, edges, [])
        obj = bpy.data.objects.new(name, mesh)
        context.collection.objects.link(obj)
        context.view_layer.objects.active = obj
        self.report({'INFO'}, f"Imported {len(verts)} points from {bpy.path.basename(path)}")
        return {'FINISHED'}


bpy.utils.register_class(IMPORT_OT_filepath_points_csv)

with tempfile.TemporaryDirectory() as tmp:
    csv_path = os.path.join(tmp, "spiral_points.csv")
    with open(csv_path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["# x", "y", "z"])
        for i in range(40):
            writer.writerow([math.cos(i * 0.4), math.sin(i * 0.4), i * 0.05])
    # In the UI: bpy.ops.import_mesh.filepath_points_csv('INVOKE_DEFAULT') opens the browser.
    bpy.ops.import_mesh.filepath_points_csv(filepath=csv_path, scale=2.0)

points = bpy.context.active_object
points.modifiers.new("Skin", 'SKIN')   # give the vertex chain thickness so it renders
print(points.name, len(points.data.vertices), "points")

bpy.utils.unregister_class(IMPORT_OT_filepath_points_csv)
