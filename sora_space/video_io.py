"""Writing the videos we return: H.264 MP4, yuv420p, +faststart, unique paths, old outputs cleaned up.

Contract: `write_mp4(frames (T,H,W,3) uint8, fps, path, crf, metadata)` writes a browser-playable MP4 with the
ffmpeg that `imageio-ffmpeg` ships and returns the path; `new_output_path(dir, stem)` never reuses a name;
`cleanup_outputs(dir, ttl_s)` deletes our outputs older than the TTL; `upscale(frames, factor)` enlarges small
model output for display. Reading lives in `safety.media` (the detector needs it and must not import us).
"""
from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
OUTPUT_SUFFIX = ".mp4"


def write_mp4(frames: np.ndarray, fps: float, path: str | os.PathLike, crf: int = 18,
              metadata: dict[str, str] | None = None) -> Path:
    import imageio_ffmpeg

    frames = np.ascontiguousarray(frames)
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8:
        raise ValueError(f"frames must be (T, H, W, 3) uint8, got {frames.shape} {frames.dtype}")
    t, h, w, _ = frames.shape
    if h % 2 or w % 2:
        raise ValueError(f"yuv420p needs even sizes, got {w}x{h}")
    params = ["-crf", str(int(crf)), "-preset", "medium", "-movflags", "+faststart"]
    for key, value in (metadata or {}).items():
        params += ["-metadata", f"{key}={value}"]
    path = Path(path)
    tmp = path.with_name(path.name + ".part" + OUTPUT_SUFFIX)
    writer = imageio_ffmpeg.write_frames(str(tmp), (w, h), fps=fps, codec="libx264", pix_fmt_out="yuv420p",
                                         macro_block_size=2, quality=None, output_params=params)
    writer.send(None)
    try:
        for frame in frames:
            writer.send(frame)
    finally:
        writer.close()
    os.replace(tmp, path)  # the final name only ever points at a complete file
    return path


def new_output_path(directory: str | os.PathLike, stem: str) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"{time.strftime('%Y%m%d-%H%M%S')}-{stem}-{secrets.token_hex(4)}{OUTPUT_SUFFIX}"


def cleanup_outputs(directory: str | os.PathLike, ttl_s: float, now: float | None = None) -> int:
    """Delete .mp4 outputs older than `ttl_s`; returns how many were removed."""
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for path in directory.glob(f"*{OUTPUT_SUFFIX}"):
        try:
            if now - path.stat().st_mtime > ttl_s:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # another worker removed it first
    if removed:
        log.info("cleanup: removed %d outputs older than %.0fs", removed, ttl_s)
    return removed


def upscale(frames: np.ndarray, factor: int) -> np.ndarray:
    """Bicubic enlargement of (T, H, W, 3) uint8 frames for display."""
    if factor == 1:
        return frames
    import cv2

    t, h, w, _ = frames.shape
    return np.stack([cv2.resize(f, (w * factor, h * factor), interpolation=cv2.INTER_CUBIC) for f in frames])
