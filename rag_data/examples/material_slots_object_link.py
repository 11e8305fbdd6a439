# title: Share a mesh but use different materials per object
# shows: Creates two objects that share one mesh and sets material slot link to 'OBJECT' so each object carries its own material via obj.material_slots.
# tags: material, material slots, link object, shared mesh, instances
# blender: 4.2

import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=6, radius=0.5, depth=0.3)
first = bpy.context.object
first.name = "TokenA"

base = bpy.data.materials.new("Base")
first.data.materials.append(base)   # mesh-level slot

# Second object re-uses the same mesh datablock.
second = bpy.data.objects.new("TokenB", first.data)
second.location.x = 1.5
bpy.context.collection.objects.link(second)

for obj, color in ((first, (0.9, 0.7, 0.1, 1.0)), (second, (0.6, 0.6, 0.65, 1.0))):
    mat = bpy.data.materials.new(obj.name + "Mat")
    mat.use_nodes = True
    mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    slot = obj.material_slots[0]
    slot.link = 'OBJECT'      # material stored on the object, not the mesh
    slot.material = mat

print(first.active_material.name, second.active_material.name)
