# title: Modal operator driven by a window-manager timer
# shows: Starts a timer with context.window_manager.event_timer_add in invoke, registers the operator with modal_handler_add, reacts to TIMER / ESC / RIGHTMOUSE events in modal(), cleans up with event_timer_remove, and offers execute() for the non-interactive path used by scripts and headless runs.
# tags: operator, modal, timer, event_timer_add, modal_handler_add, invoke, event, animation
# blender: 4.2

import bpy


class OBJECT_OT_modal_timer_grow(bpy.types.Operator):
    """Grow the active object step by step until ESC"""
    bl_idname = "object.modal_timer_grow"
    bl_label = "Grow Over Time"
    bl_options = {'REGISTER', 'UNDO'}

    steps: bpy.props.IntProperty(name="Steps", default=10, min=1)
    factor: bpy.props.FloatProperty(name="Factor per Step", default=1.05, min=1.0)

    _timer = None
    _done = 0

    @classmethod
    def poll(cls, context):
        return context.active_object is not None

    def step(self, context):
        context.active_object.scale *= self.factor
        self._done += 1

    def invoke(self, context, event):
        wm = context.window_manager
        self._done = 0
        self._timer = wm.event_timer_add(0.05, window=context.window)   # a TIMER event every 0.05 s
        wm.modal_handler_add(self)
        return {'RUNNING_MODAL'}

    def modal(self, context, event):
        if event.type in {'ESC', 'RIGHTMOUSE'}:
            self.cancel(context)
            return {'CANCELLED'}
        if event.type == 'TIMER':
            self.step(context)
            if self._done >= self.steps:
                self.cancel(context)
                return {'FINISHED'}
        return {'PASS_THROUGH'}      # let other events (navigation, clicks) through

    def cancel(self, context):
        if self._timer is not None:
            context.window_manager.event_timer_remove(self._timer)
            self._timer = None

    def execute(self, context):
        # Scripts and background mode have no event loop: do all steps at once.
        for _ in range(self.steps):
            self.step(context)
        return {'FINISHED'}


bpy.utils.register_class(OBJECT_OT_modal_timer_grow)

bpy.ops.mesh.primitive_cube_add(size=0.5)
# Interactive use: bpy.ops.object.modal_timer_grow('INVOKE_DEFAULT')
bpy.ops.object.modal_timer_grow(steps=8, factor=1.1)
print("scale after grow:", tuple(round(s, 3) for s in bpy.context.object.scale))

bpy.utils.unregister_class(OBJECT_OT_modal_timer_grow)
