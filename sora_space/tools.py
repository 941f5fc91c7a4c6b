"""The creative tools — Remix, Re-cut/Extend, Loop, Blend, Storyboard — as requests for the one pipeline.

Contract: each `*_request(...)` validates its tool-specific arguments (raising `InvalidRequest` that names the
argument and value), reads and fits uploads to the model's size and frame count, and returns a `GenerateRequest`
whose `SamplingPlan` tells the shared sampler what to do; the original uploads ride along in `uploads` so the
pipeline moderates them before use, and watermarked uploads are named as `parents` in provenance. Nothing here
samples, encodes or moderates by itself.
"""
from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from .config import ModelProfile, Settings
from .errors import InvalidRequest
from .pipeline import GenerateRequest
from .types import SamplingPlan

log = logging.getLogger(__name__)
CURVES = ("linear", "ease")
BLEND_MODES = ("crossfade", "bridge")
MAX_CARDS = 8
# Extend and Bridge start the generated frames from a guess (the nearest held frame; a dissolve between A's and B's
# edge frames) noised this far along the schedule instead of from pure noise. From pure noise the held frames are only
# re-imposed around frames drawn freely and the seam jumps. Embedded model, 4 seeds, seam within the clip's range:
# Extend 1/4 at 1.0, 2/4 at 0.9, 3/4 at 0.8, 4/4 at 0.7 (still moving on); Bridge 0/4 at 1.0 and 0.9, 2/4 at 0.7.
CONTINUATION_STRENGTH = 0.7
# Bridge: the generated middle is also pulled toward that dissolve with this weight at every step. Measured on v5 at
# span 0.5 (v6 at span 0.75: see BLEND_SPAN). With a hard hold only, the model switched A's backdrop and object to
# B's in one step at the held edges or mid-way: largest jump 11.2-19.0 against the inputs' 8.9-11.1, 0/8 seeds within
# them. At 0.5 it morphs A's object into B's (red, purple, blue) with a faint ghost of the dissolve: 6/8 seeds within
# the inputs' largest jump (0.4: 4/4 of seeds 0-3, 0.6 also 4/4). The middle then stays about 4 grey levels from the
# dissolve (12-17 when only held). 0.6, 0.7 and 0.8 each gave 7/8 on seeds 0-7 (seed 5 stays at 11.5-11.9 against
# 10.0: the dissolve itself steps 10.0 mid-way); starting the middle from a cross-fade of A's and B's own middle
# frames gave 2/8 at 0.5.
BRIDGE_SOFT_HOLD = 0.5
# Default transition span (fraction of the clip). The dissolve's own step per frame scales with 1/span; at 0.5 the
# retrained model (v6) gave 7/8 crossfades and 5/8 bridges within the inputs' largest jump on seeds 0-7 (7/8 and 5/8
# on unseen seeds 8-15); at 0.75 8/8 and 8/8 on both, with A's colour still in the first quarter and B's in the last.
BLEND_SPAN = 0.75
# Remix samples stochastically (sampler `stochasticity`, the flow analogue of DDIM's eta), as SDEdit is defined. With
# the deterministic sampler the re-noised input keeps pulling against a prompt that contradicts it: "a red circle
# moving right" remixed to "a blue circle moving right" at strength 0.7 came out blue and moving right on 13 of seeds
# 0-15 and 17 of unseen seeds 16-47 (the rest grew, faded or drifted). With eta 0.8 (chosen on seeds 0-15: 0.3 13/16,
# 0.5 15/16, 0.8 16/16) 32 of 32 unseen seeds. The cost is closeness at low strength: at 0.2 the colour change goes
# further (PSNR to the input 15.3 -> 13.5 dB on seeds 16-47) while the object keeps its place and motion.
REMIX_STOCHASTICITY = 0.8


def load_upload(path, settings: Settings, argument: str) -> tuple[np.ndarray, float]:
    """Header checks, then decode (at most the allowed duration)."""
    from safety.media import MediaError, read_video

    from .detect import check_upload

    info = check_upload(path, settings, argument)
    try:
        return read_video(path, max_frames=int(settings.max_upload_seconds * max(info.fps, 1)) + 1)
    except MediaError as exc:
        raise InvalidRequest(argument, str(path), str(exc)) from exc


def fit_frames(frames: np.ndarray, n_frames: int, width: int, height: int) -> np.ndarray:
    """Centre-crop to the target aspect, resize, and sample `n_frames` evenly over the clip: (n, H, W, 3)."""
    import cv2

    t, h, w, _ = frames.shape
    target = width / height
    if w / h > target:  # too wide: crop the sides
        cw = int(round(h * target))
        frames = frames[:, :, (w - cw) // 2:(w - cw) // 2 + cw]
    elif w / h < target:
        ch = int(round(w / target))
        frames = frames[:, (h - ch) // 2:(h - ch) // 2 + ch]
    index = np.linspace(0, t - 1, n_frames).round().astype(int)
    return np.stack([cv2.resize(np.ascontiguousarray(frames[i]), (width, height), interpolation=cv2.INTER_AREA)
                     for i in index])


def parent_ids(paths, watermarker) -> tuple[int, ...]:
    """Ids of uploads that carry our watermark (for provenance); an unreadable mark just means no parent."""
    parents = []
    for path in paths:
        try:
            detection = watermarker.detect_file(path)
        except Exception as exc:
            log.info("parent detection skipped: %s", type(exc).__name__)
            continue
        if detection.watermarked and detection.payload_id is not None:
            parents.append(int(detection.payload_id))
    return tuple(parents)


def digests(paths) -> tuple[str, ...]:
    """SHA-256 of each upload file, so the pipeline can recognise a byte-identical copy of our own output."""
    from safety.provenance import sha256_of_file
    return tuple(sha256_of_file(p) for p in paths)


def _check_fraction(argument: str, value, low: float = 0.0, high: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or not low <= value <= high:
        raise InvalidRequest(argument, value, f"must be a number between {low:g} and {high:g}")
    return float(value)


def _check_choice(argument: str, value, choices) -> str:
    if value not in choices:
        raise InvalidRequest(argument, value, f"choose one of {', '.join(choices)}")
    return value


def _size(profile: ModelProfile, base: dict) -> tuple[int, int, int]:
    frames = base.get("frames") or profile.frames
    width = base.get("width") or profile.default_size.width
    height = base.get("height") or profile.default_size.height
    return frames, width, height


def remix_request(profile, settings, watermarker, *, video, prompt, strength=0.6, **base) -> GenerateRequest:
    strength = _check_fraction("strength", strength)
    frames, fps = load_upload(video, settings, "video")
    n, w, h = _size(profile, base)
    plan = SamplingPlan(init_frames=fit_frames(frames, n, w, h), strength=strength, stochasticity=REMIX_STOCHASTICITY)
    return GenerateRequest(prompt=prompt, tool="remix", uploads=(frames,), upload_sha256=digests([video]), plan=plan,
                           parents=parent_ids([video], watermarker), **base)


def recut_request(profile, settings, watermarker, *, video, prompt, keep_start_s=0.0, keep_end_s=None,
                  extend_frames=8, direction="forward", **base) -> GenerateRequest:
    direction = _check_choice("direction", direction, ("forward", "backward"))
    frames, fps = load_upload(video, settings, "video")
    duration = len(frames) / fps
    keep_end_s = duration if keep_end_s is None else keep_end_s
    _check_fraction("keep_start_s", keep_start_s, 0.0, duration)
    _check_fraction("keep_end_s", keep_end_s, 0.0, duration)
    if keep_end_s <= keep_start_s:
        raise InvalidRequest("keep_end_s", keep_end_s, f"must be after keep_start_s = {keep_start_s}")
    n, w, h = _size(profile, base)
    if isinstance(extend_frames, bool) or not isinstance(extend_frames, int) or not 1 <= extend_frames < n:
        raise InvalidRequest("extend_frames", extend_frames, f"must be a whole number from 1 to {n - 1}")
    kept = n - extend_frames
    step = profile.frame_step
    # With a causal video VAE the held frames must fill whole latent frames: frame 0 alone, then groups of `step`.
    if step > 1 and ((direction == "forward" and (kept - 1) % step) or (direction == "backward" and kept % step)):
        raise InvalidRequest("extend_frames", extend_frames, f"with {n} frames, choose a multiple of {step}"
                             + (" " if direction == "forward" else f" plus 1 (e.g. {step + 1}) ") + f"for {direction}")
    segment = frames[int(keep_start_s * fps): max(int(keep_start_s * fps) + 1, int(np.ceil(keep_end_s * fps)))]
    held = fit_frames(segment, kept, w, h)
    known_frames = np.zeros((n, h, w, 3), np.uint8)
    known = np.zeros(n, bool)
    where = slice(0, kept) if direction == "forward" else slice(n - kept, n)
    known_frames[where], known[where] = held, True
    # The new frames start from their nearest held frame (see CONTINUATION_STRENGTH), so the seam begins continuous.
    edge = held[-1] if direction == "forward" else held[0]
    known_frames[~known] = edge
    plan = SamplingPlan(known_frames=known_frames, known=known, init_frames=known_frames,
                        strength=CONTINUATION_STRENGTH)
    return GenerateRequest(prompt=prompt, tool="recut", uploads=(frames,), upload_sha256=digests([video]), plan=plan,
                           parents=parent_ids([video], watermarker), **base)


def loop_request(profile, settings, watermarker, *, prompt, **base) -> GenerateRequest:
    return GenerateRequest(prompt=prompt, tool="loop", plan=SamplingPlan(loop=True), **base)


def blend_curve(n: int, start: float, span: float, curve: str) -> np.ndarray:
    """Weight of B for each of n frames: 0 before the transition, 1 after, ramping over `span` (fractions)."""
    t = (np.arange(n) + 0.5) / n
    x = np.clip((t - start) / max(span, 1e-6), 0.0, 1.0)
    return x if curve == "linear" else x * x * (3 - 2 * x)  # smoothstep ease-in-out


def blend_request(profile, settings, watermarker, *, prompt_a, prompt_b, video_a=None, video_b=None,
                  mode="crossfade", curve="ease", span=BLEND_SPAN, strength=0.7, soft_hold=BRIDGE_SOFT_HOLD,
                  **base) -> GenerateRequest:
    mode = _check_choice("mode", mode, BLEND_MODES)
    curve = _check_choice("curve", curve, CURVES)
    span = _check_fraction("span", span, 0.05, 1.0)
    strength = _check_fraction("strength", strength)
    soft_hold = _check_fraction("soft_hold", soft_hold)
    if (video_a is None) != (video_b is None):
        raise InvalidRequest("video_b" if video_b is None else "video_a", None,
                             "give both videos, or neither to blend two prompts")
    if mode == "bridge" and video_a is None:
        raise InvalidRequest("mode", mode, "bridge needs two videos")
    n, w, h = _size(profile, base)
    weights_b = blend_curve(n, (1 - span) / 2, span, curve)
    prompt_weights = np.stack([1 - weights_b, weights_b], axis=1)               # (F, 2)
    plan = SamplingPlan(extra_prompts=(prompt_b,), prompt_weights=prompt_weights)
    uploads, parents = (), ()
    if video_a is not None:
        a, _ = load_upload(video_a, settings, "video_a")
        b, _ = load_upload(video_b, settings, "video_b")
        uploads, parents = (a, b), parent_ids([video_a, video_b], watermarker)
        fa, fb = fit_frames(a, n, w, h), fit_frames(b, n, w, h)
        if mode == "crossfade":
            plan = replace(plan, init_frames=fa, init_frames_b=fb, strength=strength)
        else:  # bridge: A's head and B's tail held, the middle generated along the prompt ramp
            middle = (weights_b > 0) & (weights_b < 1)
            known = ~middle
            known_frames = np.where((weights_b <= 0)[:, None, None, None], fa, fb)
            if middle.any():  # the middle starts as a dissolve from A's last held frame to B's first one
                first, last = np.flatnonzero(middle)[[0, -1]]
                a_edge, b_edge = fa[max(first - 1, 0)], fb[min(last + 1, n - 1)]
                w = weights_b[middle][:, None, None, None]
                known_frames[middle] = np.rint((1 - w) * a_edge + w * b_edge).astype(np.uint8)
            plan = replace(plan, known_frames=known_frames, known=known, init_frames=known_frames,
                           strength=CONTINUATION_STRENGTH, soft_hold=soft_hold)
    return GenerateRequest(prompt=prompt_a, tool="blend", uploads=uploads, plan=plan, parents=parents,
                           upload_sha256=digests([video_a, video_b]) if uploads else (), **base)


def parse_cards(text: str) -> list[tuple[float, str]]:
    """'0: a red circle\\n1.5: a blue square' -> [(0.0, 'a red circle'), (1.5, 'a blue square')]."""
    cards = []
    for number, line in enumerate(str(text or "").splitlines(), 1):
        if not line.strip():
            continue
        head, sep, prompt = line.partition(":")
        try:
            start = float(head)
        except ValueError:
            start = None
        if not sep or start is None or not prompt.strip():
            raise InvalidRequest("cards", line, f"line {number} must look like 'SECONDS: prompt', e.g. '1.5: a blue square'")
        cards.append((start, prompt.strip()))
    return cards


def storyboard_weights(starts: list[float], n: int, fps: float, ramp_s: float) -> np.ndarray:
    """(n, K) weights: each frame follows the card whose time it is in, with a linear ramp across each cut."""
    times = np.arange(n) / fps
    weights = np.zeros((n, len(starts)), np.float32)
    for f, t in enumerate(times):
        weights[f, max(i for i, s in enumerate(starts) if s <= t)] = 1.0
        for i in range(1, len(starts)):  # blend across the cut at starts[i]
            x = (t - (starts[i] - ramp_s / 2)) / max(ramp_s, 1e-6)
            if 0.0 < x < 1.0:
                weights[f] = 0.0
                weights[f, i - 1], weights[f, i] = 1.0 - x, x
    return weights


def storyboard_request(profile, settings, watermarker, *, cards, ramp_s=0.25, **base) -> GenerateRequest:
    cards = parse_cards(cards) if isinstance(cards, str) else list(cards)
    if not 1 <= len(cards) <= MAX_CARDS:
        raise InvalidRequest("cards", len(cards), f"give between 1 and {MAX_CARDS} cards")
    n, _, _ = _size(profile, base)
    duration = n / profile.fps
    starts = [float(s) for s, _ in cards]
    if starts[0] != 0.0:
        raise InvalidRequest("cards", starts[0], "the first card must start at 0 seconds")
    for previous, start in zip(starts, starts[1:]):
        if not previous < start < duration:
            raise InvalidRequest("cards", start, f"card start times must increase and stay below the clip's "
                                                 f"{duration:g} s")
    ramp_s = _check_fraction("ramp_s", ramp_s, 0.0, duration)
    weights = storyboard_weights(starts, n, profile.fps, ramp_s)
    plan = SamplingPlan(extra_prompts=tuple(p for _, p in cards[1:]), prompt_weights=weights)
    return GenerateRequest(prompt=cards[0][1], tool="storyboard", plan=plan, **base)


TOOLS = {"remix": remix_request, "recut": recut_request, "loop": loop_request, "blend": blend_request,
         "storyboard": storyboard_request}


def build_tool_request(tool: str, stages, **kwargs) -> GenerateRequest:
    """The request for `tool`, with the engine's profile and the stack's settings and watermark detector."""
    return TOOLS[tool](stages.engine.profile, stages.settings, stages.watermarker, **kwargs)
