# mistake: attribute typo: locaton instead of location
# blender-error: AttributeError at line 9

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)
rock = bpy.context.active_object
rock.name = "Rock"
rock.locaton = (2.0, 0.0, 0.5)
rock.scale = (1.0, 0.8, 0.6)
