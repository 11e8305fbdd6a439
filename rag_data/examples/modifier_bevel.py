# title: Bevel the edges of a cube with a modifier
# shows: Adds a Bevel modifier and sets width, segment count and the angle limit method.
# tags: modifier, bevel, mesh, edges
# blender: 4.2

import math
import bpy

bpy.ops.mesh.primitive_cube_add(size=2.0, location=(0, 0, 1))
obj = bpy.context.active_object

bevel = obj.modifiers.new(name="Bevel", type='BEVEL')
bevel.width = 0.15            # offset distance (see offset_type)
bevel.segments = 4            # more segments = rounder edge
bevel.limit_method = 'ANGLE'  # only bevel edges sharper than angle_limit
bevel.angle_limit = math.radians(30)
bevel.harden_normals = True

# Smooth shading makes the rounded edge catch the light.
obj.data.shade_smooth()
