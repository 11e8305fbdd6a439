# title: Smooth by angle in Blender 4.1+ (replacement for auto smooth)
# shows: Shades a mesh smooth but keeps hard edges: the shade_smooth_by_angle operator, Mesh.set_sharp_from_angle, and the "Smooth by Angle" node group asset added as a modifier.
# tags: modifier, smooth by angle, auto smooth, shading, normals, geometry nodes
# blender: 4.2

import math
import os
import bpy

# 1) Operator: sets smooth shading and marks edges sharper than `angle`.
bpy.ops.mesh.primitive_cylinder_add(vertices=24, location=(-3, 0, 0))
bpy.ops.object.shade_smooth_by_angle(angle=math.radians(30), keep_sharp_edges=True)

# 2) Data API: same effect with no operator context needed.
bpy.ops.mesh.primitive_cylinder_add(vertices=24, location=(0, 0, 0))
mesh = bpy.context.object.data
mesh.set_sharp_from_angle(angle=math.radians(30))
mesh.shade_smooth()  # Mesh.shade_smooth keeps the sharp_edge attribute
# (Edit Mode equivalent on the selection: bpy.ops.mesh.set_sharpness_by_angle(angle=...).)

# 3) Modifier: the non-destructive "Smooth by Angle" geometry-nodes asset.
#    (object.shade_auto_smooth needs the asset system, which is not ready
#    in background mode, so load the node group from the bundled file.)
bpy.ops.mesh.primitive_cylinder_add(vertices=24, location=(3, 0, 0))
obj = bpy.context.object
group = bpy.data.node_groups.get("Smooth by Angle")
if group is None:
    path = os.path.join(bpy.utils.system_resource('DATAFILES'), "assets",
                        "geometry_nodes", "smooth_by_angle.blend")
    with bpy.data.libraries.load(path) as (data_from, data_to):
        data_to.node_groups = ["Smooth by Angle"]
    group = data_to.node_groups[0]
mod = obj.modifiers.new(name="Smooth by Angle", type='NODES')
mod.node_group = group
# Modifier inputs are keyed by socket identifier; look up the "Angle" input.
angle_id = next(item.identifier for item in group.interface.items_tree
                if item.item_type == 'SOCKET' and item.in_out == 'INPUT' and item.name == "Angle")
mod[angle_id] = math.radians(30)
