# title: Object PropertyGroup whose update= callbacks rebuild the mesh
# shows: Registers a PropertyGroup on bpy.types.Object with PointerProperty, gives its Int/Float properties update=callback(self, context) functions that regenerate the object's mesh, finds the owning object through self.id_data, and triggers rebuilds just by assigning values.
# tags: propertygroup, update callback, PointerProperty, Object, id_data, procedural, bpy.props
# blender: 4.2

import math
import bpy


def rebuild_gear(self, context):
    # self is the PropertyGroup; id_data is the ID that owns it (the Object).
    obj = self.id_data
    if obj.type != 'MESH':
        return
    verts, faces = [], []
    n = self.teeth * 2
    for i in range(n):
        r = self.radius + (self.tooth_depth if i % 2 == 0 else 0.0)
        a = 2 * math.pi * i / n
        verts.append((r * math.cos(a), r * math.sin(a), 0.0))
    faces.append(list(range(n)))
    mesh = obj.data
    mesh.clear_geometry()
    mesh.from_pydata(verts, [], faces)
    mesh.update()


class GearSettings(bpy.types.PropertyGroup):
    teeth: bpy.props.IntProperty(name="Teeth", default=12, min=3, max=128, update=rebuild_gear)
    radius: bpy.props.FloatProperty(name="Radius", default=1.0, min=0.05, update=rebuild_gear)
    tooth_depth: bpy.props.FloatProperty(name="Tooth Depth", default=0.2, min=0.0, update=rebuild_gear)


def register():
    bpy.utils.register_class(GearSettings)
    bpy.types.Object.gear_update_demo = bpy.props.PointerProperty(type=GearSettings)


def unregister():
    del bpy.types.Object.gear_update_demo
    bpy.utils.unregister_class(GearSettings)


register()

mesh = bpy.data.meshes.new("Gear")
gear = bpy.data.objects.new("Gear", mesh)
bpy.context.collection.objects.link(gear)

# Each assignment runs rebuild_gear (update callbacks also fire when edited in the UI).
gear.gear_update_demo.teeth = 16
gear.gear_update_demo.tooth_depth = 0.3
print("vertices:", len(gear.data.vertices))   # 2 * teeth

gear.modifiers.new("Thickness", 'SOLIDIFY').thickness = 0.2

unregister()
