# mistake: SubsurfModifier has levels / render_levels, not level
# blender-error: AttributeError at line 10

import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object

sub = obj.modifiers.new(name="Subdivision", type='SUBSURF')
sub.level = 2
sub.render_levels = 3
