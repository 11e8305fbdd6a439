# title: Pass a list of structured values to an operator with CollectionProperty
# shows: Gives an operator a CollectionProperty(type=PropertyGroup) argument, passes it from Python as a list of dicts (each dict naming every property, including the built-in "name"), and loops over the entries in execute.
# tags: operator, CollectionProperty, PropertyGroup, bpy.props, arguments, list
# blender: 4.2

import bpy


class PillarSpec(bpy.types.PropertyGroup):
    location: bpy.props.FloatVectorProperty(name="Location", size=2)
    height: bpy.props.FloatProperty(name="Height", default=2.0, min=0.1)


class OBJECT_OT_collection_arg_pillars(bpy.types.Operator):
    """Add one pillar per entry in the list"""
    bl_idname = "object.collection_arg_pillars"
    bl_label = "Add Pillars"
    bl_options = {'REGISTER', 'UNDO'}

    pillars: bpy.props.CollectionProperty(type=PillarSpec)
    radius: bpy.props.FloatProperty(name="Radius", default=0.25, min=0.01)
    sides: bpy.props.IntProperty(name="Sides", default=12, min=3)

    def execute(self, context):
        if len(self.pillars) == 0:
            self.report({'WARNING'}, "No pillars given")
            return {'CANCELLED'}
        for spec in self.pillars:
            bpy.ops.mesh.primitive_cylinder_add(
                vertices=self.sides, radius=self.radius, depth=spec.height,
                location=(spec.location[0], spec.location[1], spec.height / 2),
            )
            context.active_object.name = spec.name
        return {'FINISHED'}


# The PropertyGroup must be registered before the operator that uses it.
classes = (PillarSpec, OBJECT_OT_collection_arg_pillars)
for cls in classes:
    bpy.utils.register_class(cls)

bpy.ops.object.collection_arg_pillars(
    # Each dict must give every property of the group, including "name",
    # or the call fails with 'keyword "..." missing'.
    pillars=[
        {"name": "Gate L", "location": (0, 0), "height": 3.0},
        {"name": "Gate R", "location": (2, 0), "height": 3.0},
        {"name": "Post", "location": (4, 0), "height": 1.5},
    ],
    radius=0.4,
    sides=8,
)
print("pillars:", [(o.name, round(o.dimensions.z, 2)) for o in bpy.context.scene.objects])

for cls in reversed(classes):
    bpy.utils.unregister_class(cls)
