# title: Turn edges into beams with the Wireframe modifier
# shows: Adds a Wireframe modifier with thickness, even offset and boundary options to an icosphere, producing a geodesic frame.
# tags: modifier, wireframe, edges, lattice, geodesic
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2, radius=1.5)
dome = bpy.context.object
dome.name = "GeodesicFrame"

wire = dome.modifiers.new(name="Wireframe", type='WIREFRAME')
wire.thickness = 0.05
wire.use_even_offset = True
wire.use_boundary = True
wire.use_replace = True   # False keeps the original faces as well

# A light bevel rounds the beams.
dome.modifiers.new(name="Bevel", type='BEVEL').width = 0.01
