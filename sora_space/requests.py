"""Request parameters: what a user may ask for, checked against a model profile before any work starts.

Contract: `resolve_params(profile, ...)` returns a complete, frozen `GenerationParams` or raises `InvalidRequest`
naming the argument and its value. Nothing is rounded or clamped silently: a frame count the codec cannot take or a
size that is not a multiple of the patch grid is an error that says which values would work. `None` means "the
profile's default"; a `None` seed means "draw a random one" (the drawn seed is returned with the result).
"""
from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

from .config import MAX_PROMPT_CHARS, ModelProfile
from .errors import InvalidRequest

MAX_SEED = 2**32 - 1
_ALLOWED_CONTROL = {"\n", "\r", "\t"}


@dataclass(frozen=True)
class GenerationParams:
    prompt: str
    negative_prompt: str
    seed: int
    frames: int
    width: int
    height: int
    steps: int
    guidance: float


def check_prompt(value, argument: str = "prompt", *, allow_empty: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidRequest(argument, value, "must be text")
    if len(value) > MAX_PROMPT_CHARS:
        raise InvalidRequest(argument, value, f"is {len(value)} characters long; the limit is {MAX_PROMPT_CHARS}")
    bad = [c for c in value if unicodedata.category(c) in ("Cc", "Cs") and c not in _ALLOWED_CONTROL]
    if bad:
        raise InvalidRequest(argument, value, f"contains control character U+{ord(bad[0]):04X}; remove it")
    if not allow_empty and not value.strip():
        raise InvalidRequest(argument, value, "is empty; describe the video you want")
    return value.strip()


def _check_int(argument: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float)
                                                                         and not value.is_integer()):
        raise InvalidRequest(argument, value, "must be a whole number")
    value = int(value)
    if not low <= value <= high:
        raise InvalidRequest(argument, value, f"must be between {low} and {high}")
    return value


def check_seed(seed) -> int:
    """A seed in [0, 2**32-1]; None draws one."""
    if seed is None:
        return secrets.randbelow(MAX_SEED + 1)
    return _check_int("seed", seed, 0, MAX_SEED)


def valid_frame_counts(profile: ModelProfile, codec) -> list[int]:
    counts = []
    for f in range(1, profile.frames_max + 1):
        try:
            codec.check_frames(f)
            counts.append(f)
        except ValueError:
            pass
    return counts


def resolve_params(profile: ModelProfile, codec, patch_size: tuple[int, int, int], *, prompt, negative_prompt=None,
                   seed=None, frames=None, width=None, height=None, steps=None, guidance=None) -> GenerationParams:
    prompt = check_prompt(prompt)
    negative_prompt = check_prompt(profile.negative_prompt if negative_prompt is None else negative_prompt,
                                   "negative_prompt", allow_empty=True)
    seed = check_seed(seed)

    frames = profile.frames if frames is None else _check_int("frames", frames, 1, profile.frames_max)
    counts = valid_frame_counts(profile, codec)
    if frames not in counts:
        near = sorted(counts, key=lambda c: abs(c - frames))[:2]
        raise InvalidRequest("frames", frames, f"this model takes {', '.join(map(str, sorted(near)))} "
                                               f"(frame counts of the form the video codec accepts)")

    width = profile.default_size.width if width is None else _check_int("width", width, 16, 2048)
    height = profile.default_size.height if height is None else _check_int("height", height, 16, 2048)
    presets = {(p.width, p.height) for p in profile.sizes}
    if profile.kind == "embedded" and (width, height) not in presets:
        sizes = ", ".join(f"{w}x{h}" for w, h in sorted(presets))
        raise InvalidRequest("size", f"{width}x{height}", f"the embedded model generates only {sizes}")
    multiple = codec.spatial_factor * patch_size[1]
    for name, value in (("width", width), ("height", height)):
        if value % multiple:
            lower, upper = value // multiple * multiple, (value // multiple + 1) * multiple
            raise InvalidRequest(name, value, f"must be a multiple of {multiple} (try {lower or multiple} or {upper})")
    max_pixels = max(p.width * p.height for p in profile.sizes)
    if width * height > max_pixels:
        raise InvalidRequest("size", f"{width}x{height}", f"is larger than this model's maximum of {max_pixels} pixels")

    steps = profile.steps if steps is None else _check_int("steps", steps, 1, profile.steps_max)
    if guidance is None:
        guidance = profile.guidance
    if isinstance(guidance, bool) or not isinstance(guidance, (int, float)) or guidance != guidance:
        raise InvalidRequest("guidance", guidance, "must be a number")
    if not 1.0 <= float(guidance) <= profile.guidance_max:
        raise InvalidRequest("guidance", guidance, f"must be between 1.0 and {profile.guidance_max}")
    return GenerationParams(prompt, negative_prompt, seed, frames, width, height, steps, float(guidance))


def parse_size(text: str) -> tuple[int, int]:
    """'832x480' -> (832, 480)."""
    parts = str(text).lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise InvalidRequest("size", text, "must look like WIDTHxHEIGHT, e.g. 832x480")
    return int(parts[0]), int(parts[1])
