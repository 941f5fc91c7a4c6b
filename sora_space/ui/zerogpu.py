"""ZeroGPU support, isolated: the only module that imports `spaces`.

Contract: `gpu(duration_fn)` decorates a function with `spaces.GPU(duration=duration_fn)` when running on a ZeroGPU
Space and returns it unchanged everywhere else. `estimate_gpu_seconds(profile, frames, width, height, steps)` is the
duration asked for: proportional to the work, with headroom, capped.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# Measured reference: seconds for Wan2.1-1.3B at 832x480, 81 frames, 30 steps on one large GPU slice (fp16,
# CFG batched), plus model/VAE overhead. Used only to size the ZeroGPU reservation.
REFERENCE_SECONDS = 75.0
REFERENCE_WORK = 81 * 832 * 480 * 30


def estimate_gpu_seconds(frames: int, width: int, height: int, steps: int) -> int:
    work = max(frames, 1) * width * height * max(steps, 1)
    return int(min(300, max(30, 15 + 1.5 * REFERENCE_SECONDS * work / REFERENCE_WORK)))


def gpu(duration_fn, zero_gpu: bool):
    def decorate(fn):
        if not zero_gpu:
            return fn
        try:
            import spaces
        except ImportError:  # pragma: no cover - the package is in requirements
            log.warning("spaces is not installed; running without ZeroGPU")
            return fn
        return spaces.GPU(duration=duration_fn)(fn)
    return decorate
