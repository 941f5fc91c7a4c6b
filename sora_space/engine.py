"""VideoEngine: validated parameters + loaded components -> frames, through the shared sampler.

Contract: `VideoEngine.generate(prompt=..., seed=..., ...)` validates with `resolve_params`, encodes text, draws
noise from an explicit `torch.Generator` seeded with the returned seed, runs `sampler.sample_latents`, decodes and
returns `RawVideo` (uint8 frames (T, H, W, 3) at model resolution, fps, seed, timings). If latents go non-finite in
the profile's GPU dtype, the whole run is redone in the fallback dtype and logged; if that fails too,
`GenerationFailed` is raised, so a NaN/black video never comes out. One engine serves many requests; a lock keeps
one generation on the model at a time. A `SamplingPlan` carries what the creative tools ask of the same sampler
(SDEdit source and stochasticity, frames to hold, loop, per-frame prompt weights), in pixel frames at model
resolution; the engine maps it to latent space; stochastic steps draw their noise with `step_noise(seed, step)`.
A loop comes back cut at its smallest frame step (`cut_loop_at_smoothest_step`).
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch

from .conditioning import per_frame_prompts
from .errors import GenerationFailed
from .loading import DTYPES, Components
from .positions import add_position_channels
from .requests import GenerationParams, resolve_params
from .sampler import NonFiniteLatents, sample_latents
from .types import SamplingPlan

log = logging.getLogger(__name__)


def step_noise(seed: int, step: int, shape) -> torch.Tensor:
    """Fresh noise for stochastic step `step` of a run seeded with `seed`: a CPU generator per (seed, step), so the
    draw does not depend on how many steps ran before (a dtype retry or a shorter Remix gets the same noise)."""
    state = np.random.SeedSequence([int(seed), int(step)]).generate_state(1, dtype=np.uint64)[0]
    generator = torch.Generator("cpu").manual_seed(int(state))
    return torch.randn(shape, generator=generator, dtype=torch.float32)


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


def cut_loop_at_smoothest_step(frames: np.ndarray, start: int = 0) -> tuple[np.ndarray, int]:
    """Rotate a cyclic clip (frames[start:], sampled as a loop) so its file wraps at its smallest frame step.

    A loop has no natural first frame: every step of the cycle, the wrap included, was denoised as an interior step,
    so the cut that the viewer sees as the seam goes where the motion changes least, as a video editor picks a loop
    point. Frames are only reordered, never changed. Returns the frames and how many were moved to the end."""
    cycle = frames[start:].astype(np.float32)                                          # (N, H, W, 3)
    steps = np.abs(np.roll(cycle, -1, axis=0) - cycle).mean(axis=(1, 2, 3))            # (N,) |f[i+1] - f[i]|, cyclic
    cut = (int(steps.argmin()) + 1) % len(cycle)                                       # new first frame of the cycle
    return np.concatenate([frames[:start], np.roll(frames[start:], -cut, axis=0)]), cut


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
        if self.profile.position_channels:  # the embedded model reads where/when each cell is from 3 extra maps
            latents = add_position_channels(latents, self.profile.position_scale)  # (B, C + 3, T, H, W)
        return self.components.transformer(hidden_states=latents, timestep=timestep, encoder_hidden_states=text,
                                           return_dict=False)[0]

    def encode_text(self, prompt: str, negative_prompt: str) -> tuple[torch.Tensor, torch.Tensor]:
        encoder = self.components.text_encoder
        cond = encoder.encode([prompt])                                   # (1, L, D)
        if negative_prompt not in self._uncond_cache:  # the negative prompt rarely changes: encode it once
            self._uncond_cache[negative_prompt] = encoder.encode([negative_prompt])
        return cond, self._uncond_cache[negative_prompt]

    def generate(self, *, on_step: Callable[[int, int], None] | None = None, plan: SamplingPlan | None = None,
                 **raw) -> RawVideo:
        params = self.params(**raw)
        return self.generate_params(params, on_step=on_step, plan=plan)

    def generate_params(self, params: GenerationParams, *, on_step=None, plan: SamplingPlan | None = None
                        ) -> RawVideo:
        timings: dict[str, float] = {}
        video, dtype = self.sample_video(params, on_step=on_step, plan=plan, timings=timings)
        frames = video_to_uint8(video)                                                   # (F, H, W, 3)
        if plan is not None and plan.loop:  # causal codecs keep frame 0 out of the cycle (see _plan_to_latents)
            frames, cut = cut_loop_at_smoothest_step(frames, start=1 if self.components.codec.causal else 0)
            log.info("loop: cut at its smallest frame step, %d frames moved to the end", cut)
        return RawVideo(frames, self.profile.fps, params, str(dtype).replace("torch.", ""), timings)

    def sample_video(self, params: GenerationParams, *, on_step=None, plan: SamplingPlan | None = None,
                     timings: dict | None = None) -> tuple[torch.Tensor, torch.dtype]:
        """The float video (1, 3, F, H, W) in [-1, 1] and the dtype the transformer ran in."""
        c = self.components
        plan = plan or SamplingPlan()
        timings = {} if timings is None else timings
        with self._lock:
            # 1. Text embeddings for cond and uncond; K prompts are concatenated along the token axis.
            t0 = time.perf_counter()
            prompts = (params.prompt, *plan.extra_prompts)
            conds, uncond = zip(*(self.encode_text(p, params.negative_prompt) for p in prompts))
            cond, uncond = torch.cat(conds, dim=1), torch.cat(uncond, dim=1)     # (1, K*L, D)
            timings["text_encode_s"] = time.perf_counter() - t0

            # 2. Seeded noise on the CPU generator, so a seed gives the same video on any device.
            shape = (1, *c.codec.latent_shape(params.frames, params.height, params.width))  # (1, C, T, H, W)
            generator = torch.Generator("cpu").manual_seed(params.seed)
            noise = torch.randn(shape, generator=generator, dtype=torch.float32).to(c.device)
            hooks = self._plan_to_latents(plan, params, shape)

            # 3. Sample; on non-finite latents redo the whole run in the fallback dtype.
            t0 = time.perf_counter()
            if len(prompts) > 1:
                grid = (shape[2] // self.patch_size[0], shape[3] // self.patch_size[1], shape[4] // self.patch_size[2])
                weights = self._latent_weights(plan.prompt_weights, shape[2])                # (T', K)
                context = per_frame_prompts(c.transformer, weights, grid)
            else:
                context = contextlib.nullcontext()
            with context:
                latents, dtype = self._sample_with_fallback(params, cond, uncond, noise, on_step, hooks)
            timings["sample_s"] = time.perf_counter() - t0

            # 4. Decode.
            t0 = time.perf_counter()
            with torch.no_grad():
                video = c.codec.decode(latents)                                 # (1, 3, F, H, W)
            if not torch.isfinite(video).all():
                raise GenerationFailed("The video decoder produced an invalid image. Please try another seed.")
            timings["decode_s"] = time.perf_counter() - t0
        return video, dtype

    def _latent_frame_spans(self, latent_frames: int) -> list[range]:
        """Which video frames each latent frame covers (causal codecs: frame 0 alone, then groups)."""
        f = self.components.codec.temporal_factor
        if self.components.codec.causal:
            return [range(0, 1)] + [range(1 + (j - 1) * f, 1 + j * f) for j in range(1, latent_frames)]
        return [range(j * f, (j + 1) * f) for j in range(latent_frames)]

    def _per_latent_frame(self, frame_weights: np.ndarray, latent_frames: int) -> torch.Tensor:
        """(F, K) per-video-frame weights -> (T, K) per latent frame, averaged over the frames each one covers."""
        w = torch.as_tensor(np.asarray(frame_weights, dtype=np.float32))
        return torch.stack([w[list(span)].mean(0) for span in self._latent_frame_spans(latent_frames)])

    def _latent_weights(self, frame_weights: np.ndarray, latent_frames: int) -> torch.Tensor:
        """(F, K) per-frame prompt weights -> (T', K) per transformer frame (averaged over what each covers)."""
        per_latent = self._per_latent_frame(frame_weights, latent_frames)
        pt = self.patch_size[0]
        per_token = per_latent.reshape(latent_frames // pt, pt, -1).mean(1)
        return per_token / per_token.sum(1, keepdim=True)

    def _plan_to_latents(self, plan: SamplingPlan, params: GenerationParams, shape) -> dict:
        """Sampler hook arguments for a plan: encoded SDEdit source and held frames, loop settings."""
        c = self.components
        hooks: dict = {"strength": plan.strength}
        encoded: dict[int, torch.Tensor] = {}

        def encode(frames: np.ndarray) -> torch.Tensor:  # Extend/Bridge start from the frames they hold: encode once
            if id(frames) not in encoded:
                encoded[id(frames)] = c.codec.encode(frames_to_video(frames, c.device)).float()
            return encoded[id(frames)]

        with torch.no_grad():
            if plan.init_frames is not None:
                hooks["init_latents"] = encode(plan.init_frames)
            if plan.init_frames_b is not None:  # Blend: cross-fade the two sources' latents along the prompt ramp
                w = self._per_latent_frame(plan.prompt_weights, shape[2])[:, 1].to(c.device).view(1, 1, -1, 1, 1)
                hooks["init_latents"] = (1 - w) * hooks["init_latents"] + w * encode(plan.init_frames_b)
            if plan.known_frames is not None:
                hooks["known_latents"] = encode(plan.known_frames)
                held = [bool(np.all(plan.known[list(span)])) for span in self._latent_frame_spans(shape[2])]
                mask = torch.tensor(held, dtype=torch.float32, device=c.device).view(1, 1, -1, 1, 1)
                hooks["known_mask"] = mask + (1 - mask) * plan.soft_hold        # (1, 1, T, 1, 1) in [0, 1]
        if plan.stochasticity > 0:  # fresh noise per step from its own seeded stream: retries and devices agree
            hooks["stochasticity"] = plan.stochasticity
            hooks["step_noise"] = lambda step: step_noise(params.seed, step, shape).to(c.device)
        if plan.loop:
            # One latent frame per step, not whole temporal patches: the patch grouping then changes every step too,
            # so no boundary (the last-to-first one included) is treated differently (measured: seam 17-20 vs
            # median adjacent 20-22 on the embedded model, against 26-28 vs 12-16 with whole-patch shifts).
            hooks["loop_shift"] = 1
            hooks["loop_from"] = 1 if c.codec.causal else 0
        return hooks

    def _sample_with_fallback(self, params, cond, uncond, noise, on_step, hooks: dict):
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
                        params.steps, params.guidance, dtype=dtype, on_step=on_step, **hooks,
                        cache_context=getattr(c.transformer, "cache_context", None) if self.profile.cache else None,
                    )
                return latents, dtype
            except NonFiniteLatents as exc:
                log.warning("sampler: %s (dtype %s, attempt %d)", exc, dtype, attempt + 1)
        raise GenerationFailed("The model produced an invalid result (NaN) even after a precision fallback. "
                               "Please try another seed.")
