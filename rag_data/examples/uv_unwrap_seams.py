# title: Mark seams and unwrap a cylinder
# shows: Marks seam edges through the mesh data (edge.use_seam) and calls bpy.ops.uv.unwrap (ANGLE_BASED) in Edit Mode; also shows cube_project as an alternative.
# tags: uv, unwrap, seams, use_seam, cube project, edit mode
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=16, depth=2.0)
can = bpy.context.object
mesh = can.data

# Seams: one vertical edge plus the two cap rims, found from vertex positions.
for edge in mesh.edges:
    a, b = (mesh.vertices[i].co for i in edge.vertices)
    vertical_at_x = abs(a.z - b.z) > 1.0 and a.y == 0 and a.x > 0
    on_rim = abs(a.z - b.z) < 1e-6
    edge.use_seam = vertical_at_x or on_rim

bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.uv.unwrap(method='ANGLE_BASED', margin=0.02)
bpy.ops.object.mode_set(mode='OBJECT')

# A second object unwrapped with a box projection instead.
bpy.ops.mesh.primitive_cube_add(location=(3, 0, 0))
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.uv.cube_project(cube_size=2.0)
bpy.ops.object.mode_set(mode='OBJECT')
print("seams:", sum(e.use_seam for e in mesh.edges))
