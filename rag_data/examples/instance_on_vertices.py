# title: Instance a child object on every vertex with instance_type VERTS
# shows: Parents a small sphere to a grid and sets the grid's instance_type to 'VERTS' so the sphere is repeated on each vertex; also shows 'FACES' with use_instance_faces_scale.
# tags: instancing, dupliverts, instance_type, verts, faces, parenting
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_grid_add(x_subdivisions=5, y_subdivisions=5, size=4)
grid = bpy.context.object
grid.instance_type = 'VERTS'        # instance children on each vertex
grid.show_instancer_for_render = False

bpy.ops.mesh.primitive_uv_sphere_add(radius=0.15)
ball = bpy.context.object
ball.parent = grid                  # children of the instancer get repeated

# Face instancing: children placed (and scaled) on each face.
bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=1, radius=1.0, location=(6, 0, 0))
ico = bpy.context.object
ico.instance_type = 'FACES'
ico.use_instance_faces_scale = True
ico.instance_faces_scale = 0.8
bpy.ops.mesh.primitive_cone_add(radius1=0.5, depth=0.5, location=(6, 0, 0))
cone = bpy.context.object
cone.parent = ico
cone.matrix_parent_inverse = ico.matrix_world.inverted()
