"""Deterministic pixel-based analysis of short clips: what colour/shape is the object and how does it move.

Contract: `analyze(frames uint8 (T, H, W, 3), n_objects=1) -> list[ObjectTrack]` (largest objects first). No learned
parts and no randomness: the same frames always give the same answer.
- Background: per frame, a per-channel plane a + b*x + c*y fitted robustly to the pixels (iteratively dropping
  outliers), which models plain and linear-gradient backgrounds exactly.
- Object mask: pixels whose RGB distance from the background exceeds `MASK_THRESHOLD`; connected components,
  smallest specks dropped. Colour = mean RGB of the mask's interior -> nearest named colour in `world.COLOURS`.
- Shape, per frame then a majority vote over frames: a hole of more than `RING_HOLE_RATIO` of the filled area -> ring;
  solidity (area / convex hull area) under `STAR_SOLIDITY` -> star; otherwise the best overlap (IoU) of the
  moment-normalised mask with the world's own circle / square / triangle / star drawn the same way, over rotations.
  Moment normalisation (whitening the pixel covariance) maps an oval onto a circle and a rectangle onto a square, so
  a slightly stretched or lumpy drawing is named by what it most resembles, as a person would name it.
- Motion: area ratio (grow/shrink), centroid track (straight directions, orbit, bounce), mask overlap with the first
  frame after centring (spin) -> one of world.MOTIONS. `monotone` says whether the centroid's progress along the
  net direction never goes backwards by more than half a pixel (temporal smoothness of straight motions).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from .world import COLOURS, STRAIGHT_MOTIONS, shape_sdf

MASK_THRESHOLD = 60.0   # RGB distance from the fitted background that counts as "object"
MIN_AREA = 6            # components smaller than this (pixels) are noise
# Shape thresholds, checked on rendered clips (100 %), their codec round trips and two sets of 40 generated clips
# named by eye (see test_analyzer.py and MODEL_CARD.md): rendered rings have a hole of 19 % of their filled area,
# drawn ones 8-14 %, and no other shape has one; stars have a solidity of 0.6-0.7, triangles and squares over 0.75.
RING_HOLE_RATIO = 0.04
STAR_SOLIDITY = 0.72
_TEMPLATE_SHAPES = {"circle": 360, "square": 90, "triangle": 120, "star": 72}  # shape -> rotational period (degrees)
_GRID = np.linspace(-2.0, 2.0, 41)  # moment-normalised coordinates: the normalised circle has radius 1
_COLOUR_NAMES = list(COLOURS)
_COLOUR_TABLE = np.array([COLOURS[c] for c in _COLOUR_NAMES], dtype=np.float32)


@dataclass(frozen=True)
class ObjectTrack:
    colour: str
    mean_rgb: tuple[float, float, float]
    shape: str
    motion: str
    centroids: np.ndarray   # (T, 2) x, y in pixels (NaN where the object was not found)
    areas: np.ndarray       # (T,) pixels
    monotone: bool          # progress along the net displacement never reverses (> 0.5 px)
    found_fraction: float   # share of frames where the object was found


def fit_background(frame: np.ndarray, iterations: int = 3) -> np.ndarray:
    """Float32 (H, W, 3): the per-channel plane best fitting the non-object pixels of one frame."""
    h, w, _ = frame.shape
    yy, xx = np.mgrid[0:h, 0:w]
    design = np.stack([np.ones(h * w), xx.ravel() / w, yy.ravel() / h], axis=1)
    pixels = frame.reshape(-1, 3).astype(np.float64)
    keep = np.ones(h * w, dtype=bool)
    for _ in range(iterations):
        coef, *_ = np.linalg.lstsq(design[keep], pixels[keep], rcond=None)
        residual = np.linalg.norm(pixels - design @ coef, axis=1)
        cutoff = max(20.0, 2.5 * float(np.median(residual[keep])))
        keep = residual < cutoff
        if keep.sum() < 0.3 * h * w:  # never let the "background" shrink to a minority of pixels
            keep = residual <= np.quantile(residual, 0.5)
    return (design @ coef).reshape(h, w, 3).astype(np.float32)


def object_components(frame: np.ndarray, background: np.ndarray | None = None) -> list[np.ndarray]:
    """Boolean masks of the objects in one frame, largest first."""
    bg = fit_background(frame) if background is None else background
    mask = np.linalg.norm(frame.astype(np.float32) - bg, axis=2) > MASK_THRESHOLD
    labels, n = ndimage.label(mask)
    if n == 0:
        return []
    sizes = ndimage.sum(mask, labels, index=np.arange(1, n + 1))
    order = np.argsort(-sizes)
    return [labels == (i + 1) for i in order if sizes[i] >= MIN_AREA]


def _hull_area(points: np.ndarray) -> float:
    """Area of the convex hull of 2-D points (Andrew's monotone chain + shoelace)."""
    pts = sorted(set(map(tuple, points.tolist())))
    if len(pts) < 3:
        return 0.0

    def half(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    hull = np.array(half(pts)[:-1] + half(pts[::-1])[:-1])
    x, y = hull[:, 0], hull[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def shape_features(mask: np.ndarray) -> dict[str, float]:
    filled = ndimage.binary_fill_holes(mask)
    area = float(filled.sum())
    edge = filled & ~ndimage.binary_erosion(filled)  # the hull only depends on boundary pixels
    bys, bxs = np.nonzero(edge)
    corners = np.concatenate([np.stack([bxs + dx, bys + dy], 1) for dx in (-0.5, 0.5) for dy in (-0.5, 0.5)])
    hull = _hull_area(corners)
    return {"area": area, "hole_ratio": (area - float(mask.sum())) / area,
            "solidity": area / hull if hull else 1.0}


def moment_normalised(mask: np.ndarray) -> np.ndarray:
    """(41, 41) float image of the mask resampled so its pixel covariance becomes that of a unit disc."""
    ys, xs = np.nonzero(mask)
    centre = np.array([ys.mean(), xs.mean()])
    cov = np.cov(np.stack([ys, xs]).astype(np.float64)) + np.eye(2) / 12.0  # + a pixel's own spread
    eigval, eigvec = np.linalg.eigh(cov)
    root = eigvec @ np.diag(np.sqrt(eigval)) @ eigvec.T                     # C^(1/2): a disc of radius R has R^2/4
    uy, ux = np.meshgrid(_GRID, _GRID, indexing="ij")
    coords = 2.0 * np.einsum("ij,jkl->ikl", root, np.stack([uy, ux])) + centre[:, None, None]
    return ndimage.map_coordinates(mask.astype(np.float32), coords, order=1, mode="constant", cval=0.0)


@functools.cache
def _templates() -> dict[str, np.ndarray]:
    """shape -> (rotations, 41, 41) moment-normalised drawings of the world's shape, every 6 degrees of its period."""
    ys, xs = np.mgrid[0:160, 0:160] + 0.5 - 80.0
    out = {}
    for shape, period in _TEMPLATE_SHAPES.items():
        grids = []
        for degrees in range(0, period, 6):
            c, s = math.cos(-math.radians(degrees)), math.sin(-math.radians(degrees))
            grids.append(moment_normalised(shape_sdf(shape, c * xs - s * ys, s * xs + c * ys, 50.0) <= 0))
        out[shape] = np.stack(grids)
    return out


def template_scores(mask: np.ndarray) -> dict[str, float]:
    """Best soft IoU of the hole-filled, moment-normalised mask with each template shape over its rotations."""
    grid = moment_normalised(ndimage.binary_fill_holes(mask))
    return {shape: float((np.minimum(t, grid).sum((1, 2)) / np.maximum(t, grid).sum((1, 2))).max())
            for shape, t in _templates().items()}


def classify_shape(mask: np.ndarray) -> str:
    features = shape_features(mask)
    if features["hole_ratio"] > RING_HOLE_RATIO:
        return "ring"
    if features["solidity"] < STAR_SOLIDITY:
        return "star"
    scores = template_scores(mask)
    return max(scores, key=scores.get)


def majority_shape(masks: list[np.ndarray], classify=classify_shape) -> str:
    """An object's shape: the most common `classify` verdict over its masks, leaving out specks (< 20 px) when any
    larger mask exists; ties go to the name first in alphabetical order."""
    big = [m for m in masks if m.sum() >= 20] or masks
    votes = [classify(m) for m in big]
    return max(sorted(set(votes)), key=votes.count)


def nearest_colour(rgb) -> str:
    return _COLOUR_NAMES[int(np.argmin(np.linalg.norm(_COLOUR_TABLE - np.asarray(rgb, np.float32), axis=1)))]


def _centred_iou(a: np.ndarray, b: np.ndarray) -> float:
    """IoU of two masks after shifting both centroids to the frame centre (rotation test)."""
    def centred(m):
        ys, xs = np.nonzero(m)
        return ndimage.shift(m.astype(np.float32), (m.shape[0] / 2 - ys.mean(), m.shape[1] / 2 - xs.mean()),
                             order=1) > 0.5
    a, b = centred(a), centred(b)
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum() / union) if union else 1.0


def classify_motion(centroids: np.ndarray, areas: np.ndarray, masks: list[np.ndarray | None]) -> str:
    valid = ~np.isnan(centroids[:, 0])
    c, a = centroids[valid], areas[valid]
    if len(c) < 3:
        return "still"
    k = max(1, len(a) // 5)
    ratio = a[-k:].mean() / max(a[:k].mean(), 1.0)
    if ratio > 1.6:
        return "grow"
    if ratio < 0.62:
        return "shrink"
    steps = np.diff(c, axis=0)
    path = float(np.linalg.norm(steps, axis=1).sum())
    net = c[-1] - c[0]
    x_range, y_range = np.ptp(c[:, 0]), np.ptp(c[:, 1])
    if max(x_range, y_range) < 4.0:
        present = [m for m in masks if m is not None]
        ious = [_centred_iou(present[0], m) for m in present[1:]]
        return "spin" if ious and min(ious) < 0.8 else "still"
    if x_range < 4.0 and y_range > 6.0 and c[:, 1].argmin() not in (0, len(c) - 1):
        return "bounce"  # rises then comes back down (y is down)
    if path > 1.35 * float(np.linalg.norm(net)) and min(x_range, y_range) > 5.0:
        return "orbit"
    angle = math.atan2(-net[1], net[0])  # y up
    best = min(STRAIGHT_MOTIONS, key=lambda m: abs(_wrap(angle - math.atan2(-STRAIGHT_MOTIONS[m][1],
                                                                             STRAIGHT_MOTIONS[m][0]))))
    return best


def _wrap(a: float) -> float:
    return (a + math.pi) % (2 * math.pi) - math.pi


def is_monotone(centroids: np.ndarray, tolerance: float = 0.5) -> bool:
    c = centroids[~np.isnan(centroids[:, 0])]
    if len(c) < 2:
        return False
    net = c[-1] - c[0]
    norm = float(np.linalg.norm(net))
    if norm == 0:
        return False
    progress = c @ (net / norm)
    return bool(np.all(np.diff(progress) >= -tolerance))


def analyze(frames: np.ndarray, n_objects: int = 1) -> list[ObjectTrack]:
    """Tracks of the `n_objects` largest objects (fewer if fewer are ever found)."""
    t = frames.shape[0]
    per_frame = [object_components(f)[:n_objects] for f in frames]
    tracks: list[dict] = []
    for i in range(n_objects):
        tracks.append({"cent": np.full((t, 2), np.nan), "area": np.zeros(t), "masks": [None] * t, "rgb": []})
    for fi, (frame, comps) in enumerate(zip(frames, per_frame)):
        # Greedy assignment to the track whose last centroid is nearest (first frame: by size order).
        free = list(range(len(comps)))
        for tr in tracks:
            if not free:
                break
            last = tr["cent"][~np.isnan(tr["cent"][:, 0])]
            if len(last):
                j = min(free, key=lambda j: np.linalg.norm(np.argwhere(comps[j]).mean(0)[::-1] - last[-1]))
            else:
                j = free[0]
            free.remove(j)
            m = comps[j]
            ys, xs = np.nonzero(m)
            tr["cent"][fi] = (xs.mean(), ys.mean())
            tr["area"][fi] = m.sum()
            tr["masks"][fi] = m
            core = ndimage.binary_erosion(m) if m.sum() > 20 else m
            tr["rgb"].append(frame[core if core.any() else m].astype(np.float32))
    out = []
    for tr in tracks:
        found = [m for m in tr["masks"] if m is not None]
        if not found:
            continue
        rgb = np.concatenate(tr["rgb"]).mean(axis=0)
        shape = majority_shape(found)
        motion = classify_motion(tr["cent"], tr["area"], tr["masks"])
        out.append(ObjectTrack(nearest_colour(rgb), tuple(float(v) for v in rgb), shape, motion, tr["cent"],
                               tr["area"], is_monotone(tr["cent"]), len(found) / t))
    return out
