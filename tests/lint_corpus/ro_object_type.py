# mistake: Object.type is read-only (convert with bpy.ops.object.convert)
# blender-error: AttributeError at line 9

import bpy

bpy.ops.curve.primitive_bezier_circle_add(radius=1.0)
ring = bpy.context.active_object
ring.data.bevel_depth = 0.1
ring.type = 'MESH'
