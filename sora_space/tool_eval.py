"""Measurements of the creative tools on the embedded model (shared by bench/tools.py and the property tests).

Contract: each `measure_*` takes a `VideoEngine` on the embedded profile, runs the tool's plan through the shared
sampler (building the plan with the same `sora_space.tools` functions the app uses, uploads written as real MP4s),
and returns a dict of plain numbers and analyzer verdicts. Nothing is asserted here; tests and the benchmark decide.
Frame differences are mean absolute differences of uint8 RGB frames.
"""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from .config import Settings
from .tools import BLEND_SPAN, BRIDGE_SOFT_HOLD, blend_request, recut_request, remix_request, storyboard_request
from .types import SamplingPlan
from .video_io import write_mp4


class _NoParents:
    def detect_file(self, path):
        from safety.types import Detection
        return Detection(False, 0.0)


def frame_diffs(frames: np.ndarray) -> np.ndarray:
    """(T-1,) mean absolute difference between consecutive frames."""
    f = frames.astype(np.float32)
    return np.abs(f[1:] - f[:-1]).mean(axis=(1, 2, 3))


def psnr(a: np.ndarray, b: np.ndarray, peak: float = 255.0) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(peak ** 2 / mse)


def main_track(frames: np.ndarray):
    """The analyzer's main object track in a clip, or None when it finds no object."""
    from .embedded.analyzer import analyze

    tracks = analyze(frames)
    return tracks[0] if tracks else None


def _verdicts(track) -> dict:
    if track is None:
        return {"colour": None, "shape": None, "motion": None, "monotone": False}
    return {"colour": track.colour, "shape": track.shape, "motion": track.motion, "monotone": track.monotone}


def describe(frames: np.ndarray) -> dict:
    return _verdicts(main_track(frames))


def _as_file(frames: np.ndarray, fps: int, directory: Path, name: str) -> Path:
    return write_mp4(frames, fps, directory / f"{name}.mp4", crf=12)


def track_error(track, reference) -> float:
    """Mean distance in pixels between two object tracks' centroids (from `main_track`), over frames where both were
    found (colour-blind: how well a Remix keeps the input's layout and motion). NaN when no frame has both."""
    if track is None or reference is None:
        return float("nan")
    d = np.linalg.norm(track.centroids - reference.centroids, axis=1)
    return float(np.nanmean(d)) if np.isfinite(d).any() else float("nan")


def measure_remix(engine, seed: int = 0, strengths=(0.0, 0.2, 0.4, 0.7, 1.0), steps: int | None = None,
                  stochasticity: float | None = None) -> dict:
    """`stochasticity` overrides the Remix default (REMIX_STOCHASTICITY) to compare samplers side by side."""
    profile = engine.profile
    source = engine.generate(prompt="a red circle moving right", seed=seed, steps=steps).frames
    source_track = main_track(source)
    out = {"source": _verdicts(source_track), "by_strength": {}}
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(source, profile.fps, Path(tmp), "source")
        for strength in strengths:
            request = remix_request(profile, Settings(), _NoParents(), video=path,
                                    prompt="a blue circle moving right", strength=strength)
            plan = request.plan if stochasticity is None else replace(request.plan, stochasticity=stochasticity)
            frames = engine.generate(prompt=request.prompt, seed=seed + 1, plan=plan, steps=steps).frames
            track = main_track(frames)
            out["by_strength"][strength] = {"psnr_to_input": psnr(frames, source),
                                            "track_error": track_error(track, source_track), **_verdicts(track)}
    return out


def measure_loop(engine, seed: int = 0, prompt: str = "a green ring orbiting", steps: int | None = None) -> dict:
    """Seam = |last - first| frame difference, for the Loop (as the engine returns it: cut at its smallest step) and
    for a plain clip of the same prompt and seed.
    `seam_rank` = share of the clip's own adjacent differences smaller than its seam: 0 for the Loop by construction,
    about 0.5 for a seam like any other step, 1 for a clip that jumps back. `max_cyclic_step` is the largest step when
    the clip plays on repeat, wrap included; it does not depend on where a cycle is cut.
    """
    frames = engine.generate(prompt=prompt, seed=seed, plan=SamplingPlan(loop=True), steps=steps).frames
    plain = engine.generate(prompt=prompt, seed=seed, steps=steps).frames

    def seam_of(clip: np.ndarray) -> tuple[float, np.ndarray]:
        return float(np.abs(clip[-1].astype(np.float32) - clip[0].astype(np.float32)).mean()), frame_diffs(clip)

    (seam, inside), (plain_seam, plain_inside) = seam_of(frames), seam_of(plain)
    return {"seam": seam, "median_adjacent": float(np.median(inside)), "max_adjacent": float(inside.max()),
            "seam_rank": float((inside < seam).mean()), "seam_without_loop": plain_seam,
            "seam_rank_without_loop": float((plain_inside < plain_seam).mean()),
            "max_adjacent_without_loop": float(plain_inside.max()),
            # Played on repeat, the largest step anywhere, the wrap included (does not depend on where it is cut).
            "max_cyclic_step": max(seam, float(inside.max())),
            "max_cyclic_step_without_loop": max(plain_seam, float(plain_inside.max()))}


def measure_blend(engine, seed: int = 0, mode: str = "crossfade", steps: int | None = None,
                  soft_hold: float = BRIDGE_SOFT_HOLD, span: float = BLEND_SPAN, strength: float = 0.7) -> dict:
    profile = engine.profile
    a = engine.generate(prompt="a red circle moving right", seed=seed, steps=steps).frames
    b = engine.generate(prompt="a blue square moving left", seed=seed + 1, steps=steps).frames
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = _as_file(a, profile.fps, Path(tmp), "a"), _as_file(b, profile.fps, Path(tmp), "b")
        request = blend_request(profile, Settings(), _NoParents(), prompt_a="a red circle moving right",
                                prompt_b="a blue square moving left", video_a=pa, video_b=pb, mode=mode,
                                curve="ease", span=span, strength=strength, soft_hold=soft_hold)
    frames = engine.generate(prompt=request.prompt, seed=seed + 2, plan=request.plan, steps=steps).frames
    n = len(frames)
    quarter = max(2, n // 4)
    return {"head": describe(frames[:quarter]), "tail": describe(frames[-quarter:]),
            "max_jump": float(frame_diffs(frames).max()),
            "max_jump_inputs": float(max(frame_diffs(a).max(), frame_diffs(b).max())),
            "a": describe(a), "b": describe(b)}


def measure_storyboard(engine, seed: int = 0, steps: int | None = None) -> dict:
    profile = engine.profile
    half = profile.frames / profile.fps / 2
    request = storyboard_request(profile, Settings(), _NoParents(),
                                 cards=f"0: a red circle\n{half:g}: a blue square", ramp_s=1 / profile.fps)
    frames = engine.generate(prompt=request.prompt, seed=seed, plan=request.plan, steps=steps).frames
    n = len(frames)
    return {"first_part": describe(frames[: n // 2 - 1]), "last_part": describe(frames[n // 2 + 1:])}


def measure_extend(engine, seed: int = 0, steps: int | None = None) -> dict:
    profile = engine.profile
    source = engine.generate(prompt="a red circle moving right", seed=seed, steps=steps).frames
    n = len(source)
    kept = n // 2
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(source, profile.fps, Path(tmp), "source")
        request = recut_request(profile, Settings(), _NoParents(), video=path, prompt="a red circle moving right",
                                keep_start_s=0.0, keep_end_s=kept / profile.fps, extend_frames=n - kept)
    frames = engine.generate(prompt=request.prompt, seed=seed + 1, plan=request.plan, steps=steps).frames
    held = request.plan.known_frames[:kept]
    diffs = frame_diffs(frames)
    return {"kept_mean_abs_error": float(np.abs(frames[:kept].astype(np.float32) - held.astype(np.float32)).mean()),
            "kept_vs_original_error": float(np.abs(held.astype(np.float32) - source[:kept].astype(np.float32)).mean()),
            "seam": float(diffs[kept - 1]), "adjacent_range": (float(np.delete(diffs, kept - 1).min()),
                                                                float(np.delete(diffs, kept - 1).max())),
            "extended": describe(frames)}
