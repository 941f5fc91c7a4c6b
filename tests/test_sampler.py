"""Our sampler against diffusers' WanPipeline on the same tiny components, determinism, and the NaN guard."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from sora_space.config import PROFILES
from sora_space.engine import VideoEngine
from sora_space.errors import GenerationFailed
from sora_space.loading import load_components
from sora_space.sampler import NonFiniteLatents, sample_latents
from sora_space.devtools import build_wan_checkpoint

SETTINGS = dict(prompt="a red fox running through snow", negative_prompt="blurry", frames=9, height=32, width=32,
                steps=4, guidance=5.0)


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    return build_wan_checkpoint(tmp_path_factory.mktemp("tiny") / "wan", "tiny")


@pytest.fixture(scope="module")
def tiny_profile(tiny_dir):
    # Same profile as the Hub model, pointed at a local save: the from_pretrained path is identical.
    return replace(PROFILES["wan2.1-1.3b"], source=str(tiny_dir), cache=None, negative_prompt="")


@pytest.fixture(scope="module")
def engine(tiny_profile):
    return VideoEngine(load_components(tiny_profile, torch.device("cpu")))


def test_hub_profile_loads_from_local_save(engine, tiny_dir):
    c = engine.components
    assert type(c.transformer).__name__ == "WanTransformer3DModel"
    assert type(c.codec.vae).__name__ == "AutoencoderKLWan"
    assert c.scheduler.config.shift == 3.0 and c.codec.temporal_factor == 4 and c.codec.spatial_factor == 8


def test_matches_diffusers_wan_pipeline(engine, tiny_dir):
    from diffusers import WanPipeline

    pipe = WanPipeline.from_pretrained(tiny_dir)
    pipe.set_progress_bar_config(disable=True)
    seed = 1234
    expected = pipe(prompt=SETTINGS["prompt"], negative_prompt=SETTINGS["negative_prompt"], height=32, width=32,
                    num_frames=9, num_inference_steps=4, guidance_scale=5.0,
                    generator=torch.Generator("cpu").manual_seed(seed), output_type="np").frames[0]  # (F, H, W, 3)
    video, dtype = engine.sample_video(engine.params(seed=seed, **SETTINGS))
    ours = ((video[0].permute(1, 2, 3, 0) + 1) / 2).clamp(0, 1).numpy()                          # (F, H, W, 3)
    assert ours.shape == expected.shape and dtype == torch.float32
    assert np.abs(ours - expected).max() < 1e-4


def test_same_seed_same_video_other_seed_differs(engine):
    a = engine.generate(seed=5, **SETTINGS).frames
    b = engine.generate(seed=5, **SETTINGS).frames
    c = engine.generate(seed=6, **SETTINGS).frames
    assert a.shape == (9, 32, 32, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_progress_reports_every_step(engine):
    seen = []
    engine.generate(seed=1, on_step=lambda done, total: seen.append((done, total)), **SETTINGS)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


class NaNInHalf(torch.nn.Module):
    """A transformer stand-in that overflows in float16 but is finite in bfloat16."""

    def __init__(self):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones(()))
        self.calls = []

    def forward(self, hidden_states, timestep, encoder_hidden_states, return_dict=False):
        self.calls.append(self.scale.dtype)
        out = hidden_states * self.scale * 0.1
        if self.scale.dtype == torch.float16:
            out = out * float("nan")
        return (out,)


def test_nan_guard_redoes_run_in_fallback_dtype(engine):
    from sora_space.codecs import PixelCodec
    from sora_space.loading import Components

    fake = NaNInHalf().to(torch.float16)
    fake.config = type("Cfg", (), {"patch_size": (1, 2, 2)})()
    c = engine.components
    # Pretend to be on CUDA with fp16 weights so the fp16 -> bf16 fallback applies; the maths runs on the CPU.
    comps = Components(c.profile, fake, PixelCodec(), c.text_encoder, c.scheduler, torch.device("cpu"),
                       torch.float16)
    comps.device = type("Dev", (), {"type": "cuda"})()
    eng = VideoEngine(comps)
    out = eng._sample_with_fallback(eng.params(seed=0, **{**SETTINGS, "frames": 8}),
                                    torch.zeros(1, 4, 32), torch.zeros(1, 4, 32), torch.randn(1, 3, 8, 32, 32),
                                    None, {})
    latents, dtype = out
    assert dtype == torch.bfloat16 and torch.isfinite(latents).all()
    assert fake.calls[0] == torch.float16 and fake.calls[-1] == torch.bfloat16


def test_nan_everywhere_fails_instead_of_returning_black_video():
    def nan_denoiser(x, t, text):
        return torch.full_like(x, float("nan"))

    from diffusers import FlowMatchEulerDiscreteScheduler

    with pytest.raises(NonFiniteLatents):
        sample_latents(nan_denoiser, FlowMatchEulerDiscreteScheduler(), torch.zeros(1, 2, 4), None,
                       torch.randn(1, 3, 2, 8, 8), 3, 1.0)


def test_cpu_engine_raises_generation_failed_on_nan(engine):
    class AlwaysNaN(NaNInHalf):
        def forward(self, hidden_states, *a, **k):
            return (hidden_states * float("nan"),)

    c = engine.components
    fake = AlwaysNaN()
    fake.config = type("Cfg", (), {"patch_size": (1, 2, 2)})()
    from sora_space.loading import Components
    eng = VideoEngine(Components(c.profile, fake, c.codec, c.text_encoder, c.scheduler, torch.device("cpu"),
                                 torch.float32))
    with pytest.raises(GenerationFailed):
        eng.generate(seed=0, **SETTINGS)


def test_sdedit_strength_zero_returns_input_and_known_frames_are_held():
    from diffusers import FlowMatchEulerDiscreteScheduler

    def denoiser(x, t, text):
        return torch.randn_like(x)

    clean = torch.rand(1, 3, 4, 8, 8)
    out = sample_latents(denoiser, FlowMatchEulerDiscreteScheduler(), torch.zeros(1, 2, 4), None,
                         torch.randn(1, 3, 4, 8, 8), 5, 1.0, init_latents=clean, strength=0.0)
    assert torch.equal(out, clean)
    mask = torch.zeros(1, 1, 4, 1, 1)
    mask[:, :, :2] = 1
    out = sample_latents(denoiser, FlowMatchEulerDiscreteScheduler(), torch.zeros(1, 2, 4), None,
                         torch.randn(1, 3, 4, 8, 8), 5, 1.0, known_latents=clean, known_mask=mask)
    assert torch.allclose(out[:, :, :2], clean[:, :, :2]) and not torch.allclose(out[:, :, 2:], clean[:, :, 2:])


def _oracle(clean):
    """A denoiser that knows the clean latents: v = (x - x0) / sigma, sigma = t / 1000 (FlowMatchEuler, shift 1)."""
    def denoiser(x, t, text):
        return (x - clean) / (t.view(-1, 1, 1, 1, 1).float() / 1000.0)
    return denoiser


def test_stochastic_sampling_mixes_fresh_noise_and_reduces_to_euler_at_eta_zero():
    from diffusers import FlowMatchEulerDiscreteScheduler

    text, noise, clean = torch.zeros(1, 2, 4), torch.randn(1, 3, 4, 8, 8), torch.rand(1, 3, 4, 8, 8)
    fresh = {k: torch.randn(1, 3, 4, 8, 8) for k in range(6)}
    calls = []

    def step_noise(step):
        calls.append(step)
        return fresh[step]

    def smooth(x, t, text):  # any fixed field: the two step formulas must agree on it
        return 0.3 * x - 0.1 * t.view(-1, 1, 1, 1, 1).float() / 1000.0

    euler = sample_latents(smooth, FlowMatchEulerDiscreteScheduler(), text, None, noise, 6, 1.0,
                           init_latents=clean, strength=0.7)
    near_zero = sample_latents(smooth, FlowMatchEulerDiscreteScheduler(), text, None, noise, 6, 1.0,
                               init_latents=clean, strength=0.7, stochasticity=1e-6, step_noise=step_noise)
    assert torch.allclose(euler, near_zero, atol=1e-4)
    # Steps 2..4 drew fresh noise (6 - int(6 * 0.7) = 2 is the first; the last step lands on sigma 0 and needs none).
    assert calls == [2, 3, 4]
    # With an exact denoiser every path ends on the clean latents, however much fresh noise went in.
    for eta in (0.5, 1.0):
        out = sample_latents(_oracle(clean), FlowMatchEulerDiscreteScheduler(), text, None, noise, 6, 1.0,
                             stochasticity=eta, step_noise=step_noise)
        assert torch.allclose(out, clean, atol=1e-4)
    # With a denoiser that is not exact, the fresh noise changes the result.
    noisy = sample_latents(smooth, FlowMatchEulerDiscreteScheduler(), text, None, noise, 6, 1.0,
                           init_latents=clean, strength=0.7, stochasticity=0.8, step_noise=step_noise)
    assert not torch.allclose(noisy, euler, atol=1e-3)


def test_stochasticity_is_validated():
    from diffusers import FlowMatchEulerDiscreteScheduler

    args = (lambda x, t, c: x, FlowMatchEulerDiscreteScheduler(), torch.zeros(1, 2, 4), None,
            torch.randn(1, 3, 2, 8, 8), 3, 1.0)
    with pytest.raises(ValueError, match="step_noise"):
        sample_latents(*args, stochasticity=0.5)
    with pytest.raises(ValueError, match="stochasticity=1.5"):
        sample_latents(*args, stochasticity=1.5, step_noise=lambda step: torch.zeros(1, 3, 2, 8, 8))


def test_engine_step_noise_depends_on_seed_and_step_only():
    from sora_space.engine import step_noise

    shape = (1, 3, 2, 4, 4)
    assert torch.equal(step_noise(5, 3, shape), step_noise(5, 3, shape))
    assert not torch.equal(step_noise(5, 3, shape), step_noise(5, 4, shape))
    assert not torch.equal(step_noise(5, 3, shape), step_noise(6, 3, shape))
