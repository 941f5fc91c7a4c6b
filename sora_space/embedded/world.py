"""Procedural video world for the embedded model: scenes of one or two shapes moving over a plain or gradient background.

Contract:
- `SceneSpec` / `ObjectSpec` (frozen dataclasses) fully describe a clip; `render(scene)` turns one into uint8 RGB frames
  of shape (T, H, W, 3), deterministically (no randomness inside `render`).
- `sample_scene(rng, ...)` draws a random scene from the vocabulary below (numpy Generator in, spec out).
- Shapes are drawn from signed-distance functions evaluated on a supersampled grid and box-filtered down, so edges
  are anti-aliased. Positions/sizes are in pixels of the output frame, origin top-left, y pointing down.
- Vocabulary (names are the canonical words used in captions): COLOURS, BACKGROUNDS, SHAPES, MOTIONS, SPEEDS.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Object colours: saturated/bright so that every one contrasts with every (dark) background.
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (230, 30, 30),
    "orange": (255, 140, 0),
    "yellow": (250, 225, 20),
    "green": (30, 200, 60),
    "cyan": (0, 220, 230),
    "blue": (40, 90, 255),
    "purple": (150, 50, 220),
    "pink": (255, 110, 190),
    "white": (245, 245, 245),
}
# Backgrounds are dark so object colour is never ambiguous with the backdrop.
BACKGROUNDS: dict[str, tuple[int, int, int]] = {
    "black": (8, 8, 10),
    "gray": (60, 60, 64),
    "navy": (12, 20, 70),
    "teal": (10, 60, 60),
    "maroon": (70, 12, 20),
    "forest": (14, 56, 20),
}
SHAPES = ("circle", "square", "triangle", "star", "ring")
STRAIGHT_MOTIONS: dict[str, tuple[float, float]] = {
    "right": (1.0, 0.0), "left": (-1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0),
    "up-right": (1.0, -1.0), "up-left": (-1.0, -1.0), "down-right": (1.0, 1.0), "down-left": (-1.0, 1.0),
}
MOTIONS = tuple(STRAIGHT_MOTIONS) + ("orbit", "bounce", "grow", "shrink", "spin", "still")
SPEEDS = ("slow", "fast")
# Total travel in pixels over the clip for straight motions (diagonals travel this far along each axis / sqrt 2).
_TRAVEL = {"slow": 18.0, "fast": 34.0}
_SUPERSAMPLE = 3


@dataclass(frozen=True)
class ObjectSpec:
    shape: str
    colour: str
    motion: str
    speed: str
    x: float          # start centre, pixels
    y: float
    radius: float     # circumradius in pixels at scale 1
    angle: float = 0.0  # start rotation, radians


@dataclass(frozen=True)
class SceneSpec:
    objects: tuple[ObjectSpec, ...]
    background: str                 # key of BACKGROUNDS
    background2: str | None = None  # second colour for a gradient, None = plain
    gradient: str = "vertical"      # "vertical" (top->bottom) or "horizontal" (left->right)
    frames: int = 16
    size: int = 64


def trajectory(obj: ObjectSpec, frames: int) -> np.ndarray:
    """Per-frame (cx, cy, scale, angle) for one object, shape (frames, 4)."""
    t = np.linspace(0.0, 1.0, frames)
    cx = np.full(frames, obj.x)
    cy = np.full(frames, obj.y)
    scale = np.ones(frames)
    angle = np.full(frames, obj.angle)
    fast = obj.speed == "fast"
    if obj.motion in STRAIGHT_MOTIONS:
        dx, dy = STRAIGHT_MOTIONS[obj.motion]
        norm = math.hypot(dx, dy)
        travel = _TRAVEL[obj.speed]
        cx = obj.x + dx / norm * travel * t
        cy = obj.y + dy / norm * travel * t
    elif obj.motion == "orbit":
        r = 12.0 if fast else 9.0
        turns = 1.0 if fast else 0.6
        phase = 2 * math.pi * turns * t
        cx = obj.x + r * np.cos(phase) - r
        cy = obj.y - r * np.sin(phase)
    elif obj.motion == "bounce":
        height = 22.0 if fast else 14.0
        bounces = 2.0 if fast else 1.0
        cy = obj.y - height * np.abs(np.sin(math.pi * bounces * t))
    elif obj.motion == "grow":
        scale = 0.45 + (1.0 if fast else 0.6) * t
    elif obj.motion == "shrink":
        scale = (1.45 if fast else 1.05) - (1.0 if fast else 0.6) * t
    elif obj.motion == "spin":
        angle = obj.angle + (2.0 if fast else 1.0) * math.pi * t
    return np.stack([cx, cy, scale, angle], axis=1)


def shape_sdf(shape: str, x: np.ndarray, y: np.ndarray, r: float) -> np.ndarray:
    """Signed distance (negative inside) of a shape with circumradius r centred at the origin, upright."""
    if shape == "circle":
        return np.hypot(x, y) - r
    if shape == "ring":
        d = np.hypot(x, y)
        return np.abs(d - 0.72 * r) - 0.28 * r
    if shape == "square":
        h = r / math.sqrt(2.0) * 1.05
        qx, qy = np.abs(x) - h, np.abs(y) - h
        return np.hypot(np.maximum(qx, 0), np.maximum(qy, 0)) + np.minimum(np.maximum(qx, qy), 0)
    if shape in ("triangle", "star"):
        n = 3 if shape == "triangle" else 5
        # Polygon as an intersection of half-planes is exact enough for a triangle; a star is a union of the
        # triangles spanned by its points, approximated by a polar test that is exact on the boundary sign.
        theta = np.arctan2(x, -y)  # 0 = pointing up
        rho = np.hypot(x, y)
        sector = 2 * math.pi / n
        a = np.mod(theta + sector / 2, sector) - sector / 2  # angle to nearest vertex direction
        if shape == "triangle":
            apothem = r * math.cos(math.pi / n)
            # distance to the edge facing this sector's *opposite* direction: edges sit between vertices
            edge_dir = np.abs(a) - sector / 2
            return rho * np.cos(edge_dir) - apothem
        inner = 0.45 * r
        # radius of the star boundary at angle a: straight segment from vertex (r, 0) to inner vertex (inner, sector/2)
        p1 = np.array([r, 0.0])
        p2 = np.array([inner * math.cos(sector / 2), inner * math.sin(sector / 2)])
        aa = np.abs(a)
        # intersect ray at angle aa with the segment p1-p2
        ex, ey = p2 - p1
        denom = np.cos(aa) * ey - np.sin(aa) * ex
        boundary = (p1[0] * ey - p1[1] * ex) / denom
        return (rho - boundary) * 0.8
    raise ValueError(f"unknown shape {shape!r}")


def _alpha(obj: ObjectSpec, state: np.ndarray, n: int) -> np.ndarray:
    """Anti-aliased coverage in [0, 1] of one object for all frames, (T, H, W) float32.

    The signed-distance test runs on a supersampled grid restricted to the object's bounding box (cheap), and the
    box filter over each pixel's S*S samples gives the anti-aliasing.
    """
    s = _SUPERSAMPLE
    out = np.zeros((state.shape[0], n, n), dtype=np.float32)
    for i, (cx, cy, scale, ang) in enumerate(state):
        r = obj.radius * float(scale)
        x0, x1 = max(int(cx - r) - 1, 0), min(int(cx + r) + 2, n)
        y0, y1 = max(int(cy - r) - 1, 0), min(int(cy + r) + 2, n)
        if x1 <= x0 or y1 <= y0:
            continue
        xs = x0 + (np.arange((x1 - x0) * s, dtype=np.float32) + 0.5) / s - cx
        ys = y0 + (np.arange((y1 - y0) * s, dtype=np.float32) + 0.5) / s - cy
        y, x = np.meshgrid(ys, xs, indexing="ij")
        c, si = math.cos(-ang), math.sin(-ang)
        inside = (shape_sdf(obj.shape, c * x - si * y, si * x + c * y, r) <= 0).astype(np.float32)
        out[i, y0:y1, x0:x1] = inside.reshape(y1 - y0, s, x1 - x0, s).mean(axis=(1, 3))
    return out


def background_image(scene: SceneSpec) -> np.ndarray:
    """Float32 (H, W, 3) background in 0..255."""
    n = scene.size
    c1 = np.array(BACKGROUNDS[scene.background], dtype=np.float32)
    if scene.background2 is None:
        return np.broadcast_to(c1, (n, n, 3)).copy()
    c2 = np.array(BACKGROUNDS[scene.background2], dtype=np.float32)
    ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
    ramp2d = ramp[:, None] if scene.gradient == "vertical" else ramp[None, :]
    ramp2d = np.broadcast_to(ramp2d, (n, n))[..., None]
    return c1 * (1 - ramp2d) + c2 * ramp2d


def render(scene: SceneSpec) -> np.ndarray:
    """Render a scene to uint8 frames (T, H, W, 3). Later objects are drawn on top of earlier ones."""
    n, t = scene.size, scene.frames
    video = np.broadcast_to(background_image(scene), (t, n, n, 3)).copy()
    for obj in scene.objects:
        alpha = _alpha(obj, trajectory(obj, t), n)[..., None]
        video = video * (1 - alpha) + np.array(COLOURS[obj.colour], dtype=np.float32) * alpha
    return np.clip(np.rint(video), 0, 255).astype(np.uint8)


def _start_position(rng: np.random.Generator, motion: str, speed: str, radius: float, size: int) -> tuple[float, float]:
    """A start centre such that the whole path stays inside the frame."""
    margin = radius + 2.0
    lo_x = lo_y = margin
    hi_x = hi_y = size - margin
    if motion in STRAIGHT_MOTIONS:
        dx, dy = STRAIGHT_MOTIONS[motion]
        norm = math.hypot(dx, dy)
        tx, ty = dx / norm * _TRAVEL[speed], dy / norm * _TRAVEL[speed]
        lo_x, hi_x = lo_x - min(tx, 0), hi_x - max(tx, 0)
        lo_y, hi_y = lo_y - min(ty, 0), hi_y - max(ty, 0)
    elif motion == "orbit":
        lo_x, hi_x = lo_x + 24, hi_x
        lo_y, hi_y = lo_y + 12, hi_y - 12
    elif motion == "bounce":
        lo_y = lo_y + 22
    elif motion in ("grow", "shrink"):
        m = radius * 1.45 + 2.0
        lo_x = lo_y = m
        hi_x = hi_y = size - m
    if hi_x < lo_x:
        lo_x = hi_x = size / 2
    if hi_y < lo_y:
        lo_y = hi_y = size / 2
    return float(rng.uniform(lo_x, hi_x)), float(rng.uniform(lo_y, hi_y))


def sample_object(rng: np.random.Generator, shape: str, colour: str, motion: str, speed: str,
                  size: int = 64, small: bool = False) -> ObjectSpec:
    radius = float(rng.uniform(7.0, 9.0) if small else rng.uniform(9.5, 12.5))
    x, y = _start_position(rng, motion, speed, radius, size)
    return ObjectSpec(shape, colour, motion, speed, x, y, radius, 0.0)


def sample_background(rng: np.random.Generator) -> tuple[str, str | None, str]:
    names = list(BACKGROUNDS)
    first = names[rng.integers(len(names))]
    if rng.random() < 0.5:
        return first, None, "vertical"
    second = names[rng.integers(len(names))]
    while second == first:
        second = names[rng.integers(len(names))]
    return first, second, ("vertical" if rng.random() < 0.5 else "horizontal")
