"""Reading videos from disk with the ffmpeg that `imageio-ffmpeg` ships.

Contract: `probe(path)` reads only the container header (no decoding) and returns `VideoInfo`; `read_video(path)`
decodes to uint8 RGB frames `(T, H, W, 3)` and the fps. Anything ffmpeg cannot read, or that is not a video, raises
`MediaError` with a plain message. `check_limits` refuses oversized inputs from the header alone, before decoding.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class MediaError(ValueError):
    """The file is not a readable video, or is outside the limits."""


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    fps: float
    n_frames: int          # estimated from duration * fps
    duration_s: float
    codec: str
    size_bytes: int


def _open(path: str | os.PathLike, **kwargs):
    import imageio_ffmpeg

    path = Path(path)
    if not path.is_file():
        raise MediaError(f"No video file at {path.name!r}.")
    gen = imageio_ffmpeg.read_frames(str(path), **kwargs)
    try:
        meta = next(gen)
    except (RuntimeError, OSError, StopIteration) as exc:
        gen.close()
        raise MediaError(f"{path.name!r} is not a video ffmpeg can read.") from exc
    if not meta.get("size") or not meta.get("fps"):
        gen.close()
        raise MediaError(f"{path.name!r} has no video stream.")
    return gen, meta


def probe(path: str | os.PathLike) -> VideoInfo:
    gen, meta = _open(path)
    gen.close()
    width, height = meta["size"]
    fps = float(meta["fps"])
    duration = float(meta.get("duration") or 0.0)
    n_frames = max(1, int(round(duration * fps))) if math.isfinite(duration) and duration > 0 else 0
    return VideoInfo(width, height, fps, n_frames, duration, str(meta.get("codec", "")),
                     Path(path).stat().st_size)


def check_limits(info: VideoInfo, *, max_seconds: float, max_pixels: int, max_bytes: int) -> None:
    """Refuse from the header alone, so a 1-hour or 4K upload is never decoded."""
    if info.size_bytes > max_bytes:
        raise MediaError(f"The video is {info.size_bytes / 1e6:.0f} MB; the limit is {max_bytes / 1e6:.0f} MB.")
    if info.duration_s > max_seconds:
        raise MediaError(f"The video is {info.duration_s:.0f} s long; the limit is {max_seconds:.0f} s.")
    if info.width * info.height > max_pixels:
        raise MediaError(f"The video is {info.width}x{info.height}; the limit is {max_pixels} pixels per frame "
                         f"(e.g. 1920x1080).")


def read_video(path: str | os.PathLike, max_frames: int | None = None) -> tuple[np.ndarray, float]:
    """Decode to (T, H, W, 3) uint8 RGB and fps; at most `max_frames` frames from the start."""
    gen, meta = _open(path)
    width, height = meta["size"]
    frames = []
    try:
        for raw in gen:
            frames.append(np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 3))
            if max_frames is not None and len(frames) >= max_frames:
                break
    except (RuntimeError, OSError) as exc:
        raise MediaError(f"{Path(path).name!r} is damaged: decoding failed after {len(frames)} frames.") from exc
    finally:
        gen.close()
    if not frames:
        raise MediaError(f"{Path(path).name!r} contains no frames.")
    return np.stack(frames), float(meta["fps"])
