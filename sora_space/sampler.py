"""The one denoising loop every tool shares (Generate, Remix, Extend, Loop, Blend, Storyboard).

Contract: `sample_latents` takes the denoiser as a callable `(latents (B,C,T,H,W), timestep (B,), text (B,L,D)) ->
velocity`, a diffusers flow-matching scheduler, the conditional and unconditional text embeddings and seeded noise,
and returns clean latents `(1, C, T, H, W)` in float32. It never loads models, never reads config and never draws
randomness of its own (noise comes in from the caller's `torch.Generator`).

Flow matching convention (Wan / FlowMatchEulerDiscreteScheduler): x_t = (1 - s) x_0 + s * eps, the denoiser
predicts v = eps - x_0, and `scheduler.step` moves x by (s_next - s) * v.

Optional hooks (all off by default, used by the creative tools):
- `init_latents` + `strength`: SDEdit. Start from the input re-noised to the schedule point `strength` of the way
  from clean to pure noise and denoise from there.
- `known_latents` + `known_mask`: latents to hold fixed (Extend, Bridge). After every step they are re-noised to the
  next step's noise level and re-imposed where the mask is 1, so the generated part stays continuous with them. A
  fraction m in between mixes them in with weight m every step: a soft pull toward them, not a hold.
- `loop_shift` (+ `loop_from`): Loop. Before every call the latents are rolled along time by a shift that grows
  each step and the prediction is rolled back, so every frame boundary, the last-to-first one included, is denoised
  as an interior boundary and the clip comes out cyclic. Causal codecs keep latent frame 0 out of the cycle.
- `stochasticity` eta in [0, 1] + `step_noise(step)`: stochastic sampling (Remix). Each step splits the state into
  its predicted clean latents x0 = x - s v and noise eps = x + (1 - s) v, and rebuilds the next state from x0 and
  sqrt(1 - eta^2) eps + eta z with fresh noise z = step_noise(step): the flow analogue of DDIM's eta. eta = 0 is the
  plain Euler step. SDEdit is defined with a stochastic reverse process: fresh noise lets the sampler leave an input
  that conflicts with the prompt (a red circle under "a blue circle"), which a deterministic path carries to the end.
  Stochastic steps are first order whatever the scheduler; `step_noise` comes from the caller's seeded generators.
- `on_step(step, total)`: progress and cancellation (raise from it to stop).
- `cache_context`: the transformer's `cache_context` (diffusers CacheMixin), so cache hooks such as FirstBlockCache
  know which call and step they are in.
"""
from __future__ import annotations

import contextlib
from typing import Callable

import torch

Denoiser = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


class NonFiniteLatents(RuntimeError):
    """Latents went NaN/inf at a step; the caller retries in a safer dtype."""

    def __init__(self, step: int):
        super().__init__(f"non-finite latents at step {step}")
        self.step = step


def _renoise(clean: torch.Tensor, noise: torch.Tensor, sigma: float) -> torch.Tensor:
    """The forward flow-matching process: x_sigma = (1 - sigma) x_0 + sigma eps."""
    return (1.0 - sigma) * clean.float() + sigma * noise.float()


def _roll_time(x: torch.Tensor, shift: int, start: int) -> torch.Tensor:
    """Roll (B, C, T, H, W) along T, leaving frames before `start` in place."""
    if shift == 0:
        return x
    return torch.cat([x[:, :, :start], torch.roll(x[:, :, start:], shift, dims=2)], dim=2)


def sample_latents(
    denoiser: Denoiser,
    scheduler,
    cond: torch.Tensor,                       # (1, L, D)
    uncond: torch.Tensor | None,              # (1, L, D) or None when guidance <= 1
    noise: torch.Tensor,                      # (1, C, T, H, W) float32, from the caller's seeded generator
    num_steps: int,
    guidance_scale: float,
    *,
    dtype: torch.dtype = torch.float32,       # the denoiser's compute dtype
    init_latents: torch.Tensor | None = None,  # (1, C, T, H, W) clean latents for SDEdit
    strength: float = 1.0,
    known_latents: torch.Tensor | None = None,  # (1, C, T, H, W) latents to hold fixed
    known_mask: torch.Tensor | None = None,     # (1, 1, T, 1, 1) or broadcastable; 1 = keep known, 0 < m < 1 pull
    loop_shift: int = 0,                        # latent frames added to the roll each step; 0 = no loop
    loop_from: int = 0,                         # first latent frame inside the cycle
    stochasticity: float = 0.0,                 # eta: share of fresh noise in each step's noise estimate
    step_noise: Callable[[int], torch.Tensor] | None = None,  # step index -> (1, C, T, H, W) fresh noise
    on_step: Callable[[int, int], None] | None = None,
    cache_context: Callable[..., contextlib.AbstractContextManager] | None = None,
) -> torch.Tensor:
    device = noise.device
    use_cfg = uncond is not None and guidance_scale > 1.0
    if not 0.0 <= stochasticity <= 1.0:
        raise ValueError(f"stochasticity={stochasticity} must lie in [0, 1]")
    if stochasticity > 0 and step_noise is None:
        raise ValueError("stochasticity > 0 needs step_noise (fresh noise from the caller's generator)")

    # 1. Timesteps. SDEdit skips the noisiest part of the schedule: only the last `strength` fraction runs.
    scheduler.set_timesteps(num_steps, device=device)
    timesteps = scheduler.timesteps                                  # (num_steps,) from ~1000 down
    start = 0 if init_latents is None else num_steps - int(num_steps * strength)
    if start >= num_steps:
        return init_latents.float()  # strength too small to run a single step: the input is the answer
    timesteps = timesteps[start:]
    scheduler.set_begin_index(start)

    # 2. Initial latents: pure noise, or the input re-noised to the first kept timestep.
    if init_latents is None:
        latents = noise.float()                                      # (1, C, T, H, W)
    else:
        latents = _renoise(init_latents, noise, float(scheduler.sigmas[start]))
    if known_latents is not None:
        held = _renoise(known_latents, noise, float(scheduler.sigmas[start]))
        latents = known_mask * held + (1 - known_mask) * latents

    # 3. Text for one batched forward: [cond; uncond] so CFG costs one call per step.
    text = torch.cat([cond, uncond]) if use_cfg else cond              # (B, L, D), B = 2 with CFG
    text = text.to(device=device, dtype=dtype)
    context = cache_context or (lambda name, **kw: contextlib.nullcontext())

    for i, t in enumerate(timesteps):
        step = start + i
        # 4. Predict the velocity for cond and uncond together (Loop: on time-rolled latents).
        cycle = latents.shape[2] - loop_from
        shift = (step * loop_shift) % cycle if loop_shift and cycle > 1 else 0
        rolled = _roll_time(latents, shift, loop_from)
        model_in = (torch.cat([rolled, rolled]) if use_cfg else rolled).to(dtype)  # (B, C, T, H, W)
        with context("cond_uncond" if use_cfg else "cond", step_index=step, num_inference_steps=num_steps,
                     sigma=float(scheduler.sigmas[step])):
            velocity = denoiser(model_in, t.expand(text.shape[0]), text).float()
        velocity = _roll_time(velocity, -shift, loop_from)
        if use_cfg:
            v_cond, v_uncond = velocity.chunk(2)
            velocity = v_uncond + guidance_scale * (v_cond - v_uncond)  # (1, C, T, H, W)

        # 5. Euler step along the flow, in float32 whatever the denoiser's dtype; with stochasticity, part of the
        #    noise estimate is replaced by fresh noise on the way to the next noise level. Stochastic runs never call
        #    `scheduler.step`, whose internal step counter would then be out of step with the loop.
        sigma, sigma_next = float(scheduler.sigmas[step]), float(scheduler.sigmas[step + 1])
        if stochasticity > 0:
            clean = latents - sigma * velocity                             # (1, C, T, H, W) predicted x0
            eps = latents + (1 - sigma) * velocity                         # (1, C, T, H, W) predicted noise
            if sigma_next > 0:
                fresh = step_noise(step).to(device=device, dtype=torch.float32)
                eps = (1 - stochasticity ** 2) ** 0.5 * eps + stochasticity * fresh
            latents = _renoise(clean, eps, sigma_next)
        else:
            latents = scheduler.step(velocity, t, latents, return_dict=False)[0].float()

        # 6. Hold known frames fixed at the noise level of the next step.
        if known_latents is not None:
            target = _renoise(known_latents, noise, sigma_next)          # sigma 0 after the last step
            latents = known_mask * target + (1 - known_mask) * latents

        # 7. Guard: a NaN/inf here would become a black video; stop so the caller can retry in another dtype.
        if not torch.isfinite(latents).all():
            raise NonFiniteLatents(step)
        if on_step is not None:
            on_step(i + 1, len(timesteps))
    return latents
