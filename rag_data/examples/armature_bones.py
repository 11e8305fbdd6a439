# title: Build an armature, skin a mesh to it and pose a bone
# shows: Creates an Armature with edit_bones.new in Edit Mode (head, tail, parent, use_connect), binds a cylinder via an ARMATURE modifier and vertex groups named after bones, then rotates a pose bone.
# tags: armature, bones, edit_bones, pose, rigging, vertex groups, armature modifier
# blender: 4.2

import math
import bpy
import bmesh
from mathutils import Matrix

arm_data = bpy.data.armatures.new("ArmRig")
rig = bpy.data.objects.new("ArmRig", arm_data)
bpy.context.collection.objects.link(rig)
bpy.context.view_layer.objects.active = rig

# Bones can only be created in Edit Mode.
bpy.ops.object.mode_set(mode='EDIT')
lower = arm_data.edit_bones.new("Lower")
lower.head, lower.tail = (0, 0, 0), (0, 0, 1)
upper = arm_data.edit_bones.new("Upper")
upper.head, upper.tail = (0, 0, 1), (0, 0, 2)
upper.parent = lower
upper.use_connect = True
bpy.ops.object.mode_set(mode='OBJECT')

# A cylinder with enough height rings to bend, and vertex groups named like the bones.
bm = bmesh.new()
bmesh.ops.create_cone(bm, cap_ends=True, segments=12, radius1=0.2, radius2=0.2,
                      depth=2.0, matrix=Matrix.Translation((0, 0, 1)))
sides = [e for e in bm.edges if abs(e.verts[0].co.z - e.verts[1].co.z) > 1.0]
bmesh.ops.subdivide_edges(bm, edges=sides, cuts=9, use_grid_fill=True)
mesh = bpy.data.meshes.new("Arm")
bm.to_mesh(mesh)
bm.free()
arm_mesh = bpy.data.objects.new("Arm", mesh)
bpy.context.collection.objects.link(arm_mesh)
groups = {name: arm_mesh.vertex_groups.new(name=name) for name in ("Lower", "Upper")}
for v in arm_mesh.data.vertices:
    w = min(max(v.co.z - 0.75, 0.0) / 0.5, 1.0)   # blend between z=0.75 and 1.25
    groups["Upper"].add([v.index], w, 'REPLACE')
    groups["Lower"].add([v.index], 1.0 - w, 'REPLACE')

mod = arm_mesh.modifiers.new("Armature", 'ARMATURE')
mod.object = rig
arm_mesh.parent = rig

# Pose: rotate the upper bone 60 degrees around its local X axis.
pose_bone = rig.pose.bones["Upper"]
pose_bone.rotation_mode = 'XYZ'
pose_bone.rotation_euler.x = math.radians(60)
bpy.context.view_layer.update()
print("bones:", [b.name for b in arm_data.bones], "tip:", tuple(round(c, 2) for c in rig.matrix_world @ pose_bone.tail))
