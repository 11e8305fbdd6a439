# title: Make a spring with the Screw modifier
# shows: Spins a small circle profile around Z with a Screw modifier using screw_offset and iterations to create a coil.
# tags: modifier, screw, spring, coil, lathe
# blender: 4.2

import math
import bpy

# A small circle offset from the axis serves as the wire cross-section.
bpy.ops.mesh.primitive_circle_add(vertices=12, radius=0.1, location=(0, 0, 0),
                                  rotation=(math.radians(90), 0, 0))
obj = bpy.context.object
obj.name = "Spring"
# Move the profile away from the axis in mesh space (object stays at origin).
for v in obj.data.vertices:
    v.co.x += 0.6

screw = obj.modifiers.new(name="Screw", type='SCREW')
screw.axis = 'Z'
screw.angle = math.radians(360)
screw.steps = 32
screw.render_steps = 32
screw.screw_offset = 0.4   # rise per revolution
screw.iterations = 5       # number of turns
screw.use_smooth_shade = True
