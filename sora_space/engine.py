"""VideoEngine: validated parameters + loaded components -> frames, through the shared sampler.

Contract: `VideoEngine.generate(prompt=..., seed=..., ...)` validates with `resolve_params`, encodes text, draws
noise from an explicit `torch.Generator` seeded with the returned seed, runs `sampler.sample_latents`, decodes and
returns `RawVideo` (uint8 frames (T, H, W, 3) at model resolution, fps, seed, timings). If latents go non-finite in
the profile's GPU dtype, the whole run is redone in the fallback dtype and logged; if that fails too,
`GenerationFailed` is raised, so a NaN/black video never comes out. One engine serves many requests; a lock keeps
one generation on the model at a time.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch

from .errors import GenerationFailed
from .loading import DTYPES, Components
from .requests import GenerationParams, resolve_params
from .sampler import NonFiniteLatents, sample_latents

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawVideo:
    frames: np.ndarray            # (T, H, W, 3) uint8, model resolution
    fps: int
    params: GenerationParams
    dtype: str                    # dtype the transformer ran in (after any fallback)
    timings: dict = field(default_factory=dict)

    @property
    def seed(self) -> int:
        return self.params.seed


def video_to_uint8(video: torch.Tensor) -> np.ndarray:
    """(1, 3, F, H, W) in [-1, 1] -> (F, H, W, 3) uint8."""
    x = ((video[0].float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)   # (3, F, H, W)
    return x.permute(1, 2, 3, 0).cpu().numpy()


def frames_to_video(frames: np.ndarray, device, dtype=torch.float32) -> torch.Tensor:
    """(F, H, W, 3) uint8 -> (1, 3, F, H, W) in [-1, 1]."""
    x = torch.from_numpy(np.ascontiguousarray(frames)).to(device)
    return (x.permute(3, 0, 1, 2)[None].to(dtype) / 127.5 - 1.0)


class VideoEngine:
    def __init__(self, components: Components):
        self.components = components
        self.profile = components.profile
        self._lock = threading.Lock()
        self._uncond_cache: dict[str, torch.Tensor] = {}

    @property
    def patch_size(self) -> tuple[int, int, int]:
        return tuple(self.components.transformer.config.patch_size)

    def params(self, **raw) -> GenerationParams:
        return resolve_params(self.profile, self.components.codec, self.patch_size, **raw)

    def _denoise(self, latents, timestep, text):
        return self.components.transformer(hidden_states=latents, timestep=timestep, encoder_hidden_states=text,
                                           return_dict=False)[0]

    def encode_text(self, prompt: str, negative_prompt: str) -> tuple[torch.Tensor, torch.Tensor]:
        encoder = self.components.text_encoder
        cond = encoder.encode([prompt])                                   # (1, L, D)
        if negative_prompt not in self._uncond_cache:  # the negative prompt rarely changes: encode it once
            self._uncond_cache[negative_prompt] = encoder.encode([negative_prompt])
        return cond, self._uncond_cache[negative_prompt]

    def generate(self, *, on_step: Callable[[int, int], None] | None = None, init_frames: np.ndarray | None = None,
                 strength: float = 1.0, **raw) -> RawVideo:
        params = self.params(**raw)
        return self.generate_params(params, on_step=on_step, init_frames=init_frames, strength=strength)

    def generate_params(self, params: GenerationParams, *, on_step=None, init_frames=None,
                        strength: float = 1.0) -> RawVideo:
        timings: dict[str, float] = {}
        video, dtype = self.sample_video(params, on_step=on_step, init_frames=init_frames, strength=strength,
                                         timings=timings)
        frames = video_to_uint8(video)
        return RawVideo(frames, self.profile.fps, params, str(dtype).replace("torch.", ""), timings)

    def sample_video(self, params: GenerationParams, *, on_step=None, init_frames=None, strength: float = 1.0,
                     timings: dict | None = None) -> tuple[torch.Tensor, torch.dtype]:
        """The float video (1, 3, F, H, W) in [-1, 1] and the dtype the transformer ran in."""
        c = self.components
        timings = {} if timings is None else timings
        with self._lock:
            # 1. Text embeddings for cond and uncond.
            t0 = time.perf_counter()
            cond, uncond = self.encode_text(params.prompt, params.negative_prompt)
            timings["text_encode_s"] = time.perf_counter() - t0

            # 2. Seeded noise on the CPU generator, so a seed gives the same video on any device.
            shape = (1, *c.codec.latent_shape(params.frames, params.height, params.width))  # (1, C, T, H, W)
            generator = torch.Generator("cpu").manual_seed(params.seed)
            noise = torch.randn(shape, generator=generator, dtype=torch.float32).to(c.device)
            init_latents = None
            if init_frames is not None:
                with torch.no_grad():
                    init_latents = c.codec.encode(frames_to_video(init_frames, c.device)).float()

            # 3. Sample; on non-finite latents redo the whole run in the fallback dtype.
            t0 = time.perf_counter()
            latents, dtype = self._sample_with_fallback(params, cond, uncond, noise, on_step, init_latents,
                                                        strength)
            timings["sample_s"] = time.perf_counter() - t0

            # 4. Decode.
            t0 = time.perf_counter()
            with torch.no_grad():
                video = c.codec.decode(latents)                                 # (1, 3, F, H, W)
            if not torch.isfinite(video).all():
                raise GenerationFailed("The video decoder produced an invalid image. Please try another seed.")
            timings["decode_s"] = time.perf_counter() - t0
        return video, dtype

    def _sample_with_fallback(self, params, cond, uncond, noise, on_step, init_latents, strength):
        c = self.components
        dtypes = [c.dtype]
        fallback = DTYPES[self.profile.fallback_dtype]
        if c.device.type == "cuda" and fallback != c.dtype:
            dtypes.append(fallback)
        for attempt, dtype in enumerate(dtypes):
            if dtype != c.dtype:
                log.warning("non-finite latents in %s; redoing the run in %s", c.dtype, dtype)
                c.transformer.to(dtype)
                c.dtype = dtype  # keep the safer dtype for later requests too
            reset = getattr(c.transformer, "_reset_stateful_cache", None)
            if reset is not None and self.profile.cache:
                reset()  # cache hooks hold state from the previous request
            try:
                with torch.no_grad():
                    latents = sample_latents(
                        self._denoise, c.scheduler, cond, uncond if params.guidance > 1.0 else None, noise,
                        params.steps, params.guidance, dtype=dtype, init_latents=init_latents, strength=strength,
                        on_step=on_step,
                        cache_context=getattr(c.transformer, "cache_context", None) if self.profile.cache else None,
                    )
                return latents, dtype
            except NonFiniteLatents as exc:
                log.warning("sampler: %s (dtype %s, attempt %d)", exc, dtype, attempt + 1)
        raise GenerationFailed("The model produced an invalid result (NaN) even after a precision fallback. "
                               "Please try another seed.")
