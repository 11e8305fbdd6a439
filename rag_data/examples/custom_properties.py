# title: Custom properties on objects and data with UI limits
# shows: Stores values with obj["key"] = value, sets min/max/soft limits and description via id_properties_ui, reads them back and lists keys; also a typed bpy.props property on a type.
# tags: custom properties, id properties, id_properties_ui, bpy.props, metadata
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cube_add()
crate = bpy.context.object

# Any ID (object, mesh, material, scene...) can hold custom properties.
crate["weight_kg"] = 12.5
crate["tags"] = ["wooden", "breakable"]
crate["info"] = {"owner": "prop_department", "id": 42}
crate.data["lod_level"] = 0

# UI metadata: limits, step, description, subtype.
ui = crate.id_properties_ui("weight_kg")
ui.update(min=0.0, max=100.0, soft_max=50.0, description="Mass used by the game exporter")
print("ui data:", ui.as_dict()["max"])

print("keys:", list(crate.keys()))
print("weight:", crate["weight_kg"], "owner:", crate["info"]["owner"])
print("missing with default:", crate.get("price", 0))

# Registered properties are typed and show up as obj.<name> on every object.
bpy.types.Object.crate_health = bpy.props.IntProperty(name="Health", default=100, min=0)
crate.crate_health = 75
print("registered prop:", crate.crate_health)
del crate["tags"]   # remove a custom property

# Registered properties live on the type; remove them when no longer needed.
del bpy.types.Object.crate_health
