# title: Run a function later or repeatedly with bpy.app.timers
# shows: Registers a function with bpy.app.timers.register(fn, first_interval=...), returns a float to be called again after that many seconds or None to stop, passes arguments with functools.partial, checks is_registered and unregisters; a background script has no event loop, so the steps are driven by hand.
# tags: timers, bpy.app.timers, register, unregister, is_registered, functools.partial, deferred
# blender: 4.2

import functools
import math
import bpy


def build_spiral_step(state, count=24):
    """Add one cube per call; return seconds until the next call, or None when done."""
    i = state["i"]
    angle = i * 0.5
    bpy.ops.mesh.primitive_cube_add(size=0.25, location=(math.cos(angle) * (1 + i * 0.1),
                                                         math.sin(angle) * (1 + i * 0.1), i * 0.1))
    state["i"] += 1
    return 0.05 if state["i"] < count else None


state = {"i": 0}
step = functools.partial(build_spiral_step, state, count=24)

# In the UI this keeps Blender responsive: one cube every 0.05 s.
bpy.app.timers.register(step, first_interval=0.1)
print("registered:", bpy.app.timers.is_registered(step))

if bpy.app.background:
    # Background scripts have no event loop to fire timers: unregister and step by hand.
    bpy.app.timers.unregister(step)
    while step() is not None:
        pass

print("cubes:", state["i"], "still registered:", bpy.app.timers.is_registered(step))

# Other common uses: return None after one call to run something once, soon, on the main
# thread (e.g. queued from a worker thread); persistent=True keeps a timer across file loads.
