# SPDX-License-Identifier: GPL-3.0-or-later
"""``render``: preview images of the whole scene from automatically framed cameras.

Everything added (camera, sun, world) is removed again and every changed setting
is restored, so the user's scene is left as it was.
"""

import base64
import math
import os
import struct
import tempfile
import time

import bpy
from mathutils import Vector

from .server import ParamError

ENGINES = ("CYCLES", "BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH")
ENGINE_ALIASES = {
    "EEVEE": "BLENDER_EEVEE_NEXT",
    "BLENDER_EEVEE": "BLENDER_EEVEE_NEXT",
    "WORKBENCH": "BLENDER_WORKBENCH",
}
GEOMETRY_TYPES = {"MESH", "CURVE", "SURFACE", "META", "FONT", "VOLUME", "POINTCLOUD", "CURVES",
                  "GREASEPENCIL", "GPENCIL"}
MAX_VIEWS = 8
MIN_SIZE, MAX_SIZE = 8, 8192
DEFAULT_RESOLUTION = 512
DEFAULT_SAMPLES = 16
DEFAULT_FOV = 40.0  # degrees, along the longer image side
DEFAULT_ELEVATION = 25.0  # degrees above the horizon
FIRST_AZIMUTH = -45.0  # degrees; -45 is in front (-Y) and to the right (+X)
MARGIN = 1.08
TEMP_PREFIX = "bpy_lsp_render_"


def oidn_available() -> bool:
    try:
        import _cycles
        return bool(getattr(_cycles, "with_openimagedenoise", False))
    except Exception:
        return False


# --------------------------------------------------------------------------- params


def _int(params, key, default, lo, hi):
    value = params.get(key, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise ParamError(f"'{key}' must be an integer")
    value = int(value)
    if not lo <= value <= hi:
        raise ParamError(f"'{key}' must be between {lo} and {hi}")
    return value


def _float(params, key, default, lo, hi):
    value = params.get(key, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(f"'{key}' must be a number")
    value = float(value)
    if not lo <= value <= hi:
        raise ParamError(f"'{key}' must be between {lo} and {hi}")
    return value


def _bool(params, key, default):
    value = params.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ParamError(f"'{key}' must be true or false")
    return value


def parse_params(params: dict, *, default_engine: str) -> dict:
    views = _int(params, "views", 1, 1, MAX_VIEWS)
    resolution = _int(params, "resolution", DEFAULT_RESOLUTION, MIN_SIZE, MAX_SIZE)
    width = _int(params, "width", resolution, MIN_SIZE, MAX_SIZE)
    height = _int(params, "height", resolution, MIN_SIZE, MAX_SIZE)
    engine = params.get("engine") or default_engine
    if not isinstance(engine, str):
        raise ParamError("'engine' must be a string")
    engine = ENGINE_ALIASES.get(engine.upper(), engine.upper())
    if engine not in ENGINES:
        raise ParamError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    samples = _int(params, "samples", DEFAULT_SAMPLES, 1, 65536)
    output_dir = params.get("output_dir")
    if output_dir is not None and not isinstance(output_dir, str):
        raise ParamError("'output_dir' must be a string")
    denoise = _bool(params, "denoise", False)
    if denoise and engine == "CYCLES" and not oidn_available():
        denoise = False
    return {
        "views": views,
        "width": width,
        "height": height,
        "engine": engine,
        "samples": samples,
        "output_dir": output_dir or None,
        "include_bytes": _bool(params, "include_bytes", False),
        "denoise": denoise,
        "fov": _float(params, "fov", DEFAULT_FOV, 1.0, 170.0),
        "elevation": _float(params, "elevation", DEFAULT_ELEVATION, -89.0, 89.0),
        "azimuth": _float(params, "azimuth", FIRST_AZIMUTH, -360.0, 360.0),
        "time_limit": _float(params, "time_limit", 0.0, 0.0, 3600.0),
    }


# --------------------------------------------------------------------------- helpers


class _Settings:
    """Set attributes and remember the old values to restore them in reverse order."""

    def __init__(self):
        self._old = []

    def set(self, obj, attr, value):
        if obj is None or not hasattr(obj, attr):
            return
        old = getattr(obj, attr)
        if old == value:
            return
        setattr(obj, attr, value)
        self._old.append((obj, attr, old))

    def restore(self):
        while self._old:
            obj, attr, old = self._old.pop()
            try:
                setattr(obj, attr, old)
            except Exception:
                pass


def scene_bounds(scene):
    """World-space AABB of everything renderable (evaluated, instances included)."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    lo = [math.inf] * 3
    hi = [-math.inf] * 3
    count = 0
    for inst in depsgraph.object_instances:
        obj = inst.object
        if obj.type not in GEOMETRY_TYPES:
            continue
        owner = inst.parent if inst.is_instance and inst.parent is not None else obj
        if owner.original.hide_render or obj.original.hide_render:
            continue
        mw = inst.matrix_world.copy()
        for corner in obj.bound_box:
            p = mw @ Vector(corner)
            for i in range(3):
                if p[i] < lo[i]:
                    lo[i] = p[i]
                if p[i] > hi[i]:
                    hi[i] = p[i]
        count += 1
    if not count or not all(math.isfinite(v) for v in lo + hi):
        return Vector((-1.0, -1.0, -1.0)), Vector((1.0, 1.0, 1.0)), 0
    return Vector(lo), Vector(hi), count


def _scene_has_light(scene) -> bool:
    return any(o.type == "LIGHT" and not o.hide_render for o in scene.objects)


def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    if len(head) == 24 and head[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", head[16:24])
    return None


def _fit_distance(corners, direction, rot, tan_x, tan_y, radius):
    """Smallest camera distance from the centre at which every bounding-box corner
    is inside the view (plus a margin)."""
    right = rot @ Vector((1.0, 0.0, 0.0))
    up = rot @ Vector((0.0, 1.0, 0.0))
    need = 0.0
    for v in corners:
        along = v.dot(direction)  # towards the camera
        need = max(need,
                   along + abs(v.dot(right)) * MARGIN / tan_x,
                   along + abs(v.dot(up)) * MARGIN / tan_y)
    return max(need, radius * 0.1 + 1e-3)


# --------------------------------------------------------------------------- render


def render(params: dict, *, default_engine: str = "CYCLES") -> dict:
    p = parse_params(params, default_engine=default_engine)
    started = time.perf_counter()
    scene = bpy.context.scene
    out_dir = p["output_dir"] or tempfile.mkdtemp(prefix="bpy-lsp-render-")
    os.makedirs(out_dir, exist_ok=True)

    lo, hi, count = scene_bounds(scene)
    center = (lo + hi) / 2.0
    radius = max((hi - lo).length / 2.0, 1e-3)
    w, h = p["width"], p["height"]
    fov = math.radians(p["fov"])  # along the longer side (sensor_fit AUTO)
    tan_long = math.tan(fov / 2.0)
    tan_x = tan_long if w >= h else tan_long * w / h
    tan_y = tan_long if h >= w else tan_long * h / w
    corners = [Vector((x, y, z)) - center for x in (lo.x, hi.x) for y in (lo.y, hi.y) for z in (lo.z, hi.z)]

    settings = _Settings()
    temp_objects = []
    temp_data = []
    had_render_result = "Render Result" in bpy.data.images
    added_light = False
    added_world = False
    images = []
    try:
        cam_data = bpy.data.cameras.new(TEMP_PREFIX + "camera")
        temp_data.append((bpy.data.cameras, cam_data))
        cam_data.lens_unit = "FOV"
        cam_data.sensor_fit = "AUTO"
        cam_data.angle = fov
        cam = bpy.data.objects.new(TEMP_PREFIX + "camera", cam_data)
        temp_objects.append(cam)
        scene.collection.objects.link(cam)

        if not _scene_has_light(scene):
            sun_data = bpy.data.lights.new(TEMP_PREFIX + "sun", "SUN")
            temp_data.append((bpy.data.lights, sun_data))
            sun_data.energy = 3.0
            sun_data.angle = math.radians(5.0)
            sun = bpy.data.objects.new(TEMP_PREFIX + "sun", sun_data)
            sun.rotation_euler = (math.radians(45.0), 0.0, math.radians(35.0))
            temp_objects.append(sun)
            scene.collection.objects.link(sun)
            added_light = True
        if scene.world is None:
            world = bpy.data.worlds.new(TEMP_PREFIX + "world")
            temp_data.append((bpy.data.worlds, world))
            world.color = (0.05, 0.05, 0.05)
            settings.set(scene, "world", world)
            added_world = True

        r = scene.render
        settings.set(scene, "camera", cam)
        settings.set(r, "engine", p["engine"])
        settings.set(r, "resolution_x", w)
        settings.set(r, "resolution_y", h)
        settings.set(r, "resolution_percentage", 100)
        settings.set(r, "pixel_aspect_x", 1.0)
        settings.set(r, "pixel_aspect_y", 1.0)
        settings.set(r, "use_border", False)
        settings.set(r, "use_file_extension", False)
        settings.set(r, "film_transparent", False)
        settings.set(r, "use_compositing", False)
        settings.set(r, "use_sequencer", False)
        settings.set(r, "use_single_layer", True)
        settings.set(r, "use_multiview", False)
        img = r.image_settings
        settings.set(img, "file_format", "PNG")
        settings.set(img, "color_mode", "RGB")
        settings.set(img, "color_depth", "8")
        if p["engine"] == "CYCLES":
            c = scene.cycles
            settings.set(c, "device", "CPU")
            settings.set(c, "samples", p["samples"])
            settings.set(c, "use_adaptive_sampling", True)
            settings.set(c, "time_limit", p["time_limit"])
            settings.set(c, "use_denoising", p["denoise"])
            if p["denoise"]:
                settings.set(c, "denoiser", "OPENIMAGEDENOISE")
        elif p["engine"] == "BLENDER_EEVEE_NEXT":
            settings.set(scene.eevee, "taa_render_samples", p["samples"])

        el = math.radians(p["elevation"])
        for view in range(p["views"]):
            az_deg = p["azimuth"] + view * 360.0 / p["views"]
            az = math.radians(az_deg)
            direction = Vector((math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)))
            rot = (-direction).to_track_quat("-Z", "Y")
            distance = _fit_distance(corners, direction, rot, tan_x, tan_y, radius)
            cam.location = center + direction * distance
            cam.rotation_euler = rot.to_euler()
            cam_data.clip_start = max(1e-4, (distance - radius) * 0.5)
            cam_data.clip_end = (distance + radius) * 1.5 + 1.0
            path = os.path.join(out_dir, f"view_{view:02d}.png")
            settings.set(r, "filepath", path)
            bpy.ops.render.render(write_still=True)
            if not os.path.isfile(path):
                raise RuntimeError(f"render produced no file at {path}")
            size = _png_size(path) or (w, h)
            entry = {"path": os.path.abspath(path), "view": view, "width": size[0], "height": size[1],
                     "azimuth": round(az_deg, 6), "elevation": p["elevation"],
                     "camera_location": [round(v, 6) for v in cam.location],
                     "distance": round(distance, 6)}
            if p["include_bytes"]:
                with open(path, "rb") as fh:
                    entry["bytes_b64"] = base64.b64encode(fh.read()).decode("ascii")
            images.append(entry)
    finally:
        settings.restore()
        for obj in temp_objects:
            try:
                bpy.data.objects.remove(obj, do_unlink=True)
            except Exception:
                pass
        for collection, datablock in temp_data:
            try:
                collection.remove(datablock)
            except Exception:
                pass
        if not had_render_result and not bpy.context.window_manager.windows:
            rr = bpy.data.images.get("Render Result")
            if rr is not None:
                try:
                    bpy.data.images.remove(rr)
                except Exception:
                    pass

    return {
        "images": images,
        "duration": round(time.perf_counter() - started, 6),
        "engine": p["engine"],
        "samples": p["samples"],
        "denoise": p["denoise"],
        "output_dir": os.path.abspath(out_dir),
        "bounds": {"min": [round(v, 6) for v in lo], "max": [round(v, 6) for v in hi],
                   "center": [round(v, 6) for v in center], "radius": round(radius, 6),
                   "objects": count},
        "fov": p["fov"],
        "added_light": added_light,
        "added_world": added_world,
    }
