# mistake: assumes the default "Cube" exists; an empty scene has no such object (KeyError)
# blender-error: KeyError at line 7
# category: none

import bpy

cube = bpy.data.objects["Cube"]
cube.location.z += 1.0
cube.scale *= 0.5
