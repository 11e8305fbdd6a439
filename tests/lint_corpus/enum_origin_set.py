# mistake: origin_set has no 'ORIGIN_CENTER'; the choices are ORIGIN_GEOMETRY, ORIGIN_CENTER_OF_MASS, ORIGIN_CENTER_OF_VOLUME, ORIGIN_CURSOR, GEOMETRY_ORIGIN
# blender-error: TypeError at line 14

import bpy

verts = [(0, 0, 0), (3, 0, 0), (3, 1, 0), (0, 1, 0)]
mesh = bpy.data.meshes.new("Slab")
mesh.from_pydata(verts, [], [(0, 1, 2, 3)])
obj = bpy.data.objects.new("Slab", mesh)
bpy.context.collection.objects.link(obj)

bpy.context.view_layer.objects.active = obj
obj.select_set(True)
bpy.ops.object.origin_set(type='ORIGIN_CENTER')
