# mistake: node group type is 'GeometryNodeTree', not 'GeometryNodes'
# blender-error: TypeError at line 9

import bpy

bpy.ops.mesh.primitive_grid_add(x_subdivisions=20, y_subdivisions=20, size=4)
grid = bpy.context.active_object

group = bpy.data.node_groups.new("Scatter", 'GeometryNodes')
mod = grid.modifiers.new("Scatter", 'NODES')
mod.node_group = group
