# title: Triangulate a mesh with the Triangulate modifier
# shows: Adds a Triangulate modifier with quad and n-gon methods and reads the evaluated triangle count through the depsgraph.
# tags: modifier, triangulate, triangles, export, depsgraph
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=12)
obj = bpy.context.active_object

tri = obj.modifiers.new(name="Triangulate", type='TRIANGULATE')
tri.quad_method = 'SHORTEST_DIAGONAL'
tri.ngon_method = 'BEAUTY'
tri.min_vertices = 4  # faces with fewer corners are left alone

depsgraph = bpy.context.evaluated_depsgraph_get()
evaluated = obj.evaluated_get(depsgraph)
print("faces:", len(obj.data.polygons), "-> triangles:", len(evaluated.data.polygons))
