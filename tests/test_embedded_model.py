"""The shipped embedded model: files, codec quality, and prompts that visibly steer colour and motion."""
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from sora_space.embedded.analyzer import analyze
from sora_space.embedded.codec import EmbeddedFrameCodec
from sora_space.embedded.dataset import render_clips
from sora_space.embedded.world import ObjectSpec, SceneSpec, render

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "embedded"
pytestmark = pytest.mark.skipif(not (ASSETS / "transformer").exists(), reason="embedded weights not shipped")


def test_shipped_layout_and_size_budget():
    for part in ("transformer/config.json", "codec/config.json", "scheduler/scheduler_config.json",
                 "profile.json", "MODEL_CARD.md"):
        assert (ASSETS / part).exists(), part
    weights = sum(p.stat().st_size for p in ASSETS.rglob("*.safetensors"))
    assert 0 < weights <= 30 * 1024 * 1024
    profile = json.loads((ASSETS / "profile.json").read_text())
    assert profile["frames"] >= 16 and profile["height"] >= 64 and profile["width"] >= 64
    assert profile["codec_class"] == "sora_space.embedded.codec:EmbeddedFrameCodec"
    assert profile["text_max_length"] == 32


def test_codec_round_trip_keeps_what_the_analyzer_sees(tmp_path):
    codec = EmbeddedFrameCodec.from_pretrained(ASSETS / "codec")
    codec.save_pretrained(tmp_path)
    codec = EmbeddedFrameCodec.from_pretrained(tmp_path)
    scene = SceneSpec((ObjectSpec("star", "yellow", "down-left", "fast", 44, 16, 11),), "navy", "black")
    video = torch.from_numpy(render_clips([scene]))
    with torch.no_grad():
        latents = codec.encode(video)
        decoded = codec.decode(latents)
    assert latents.shape == (1, *codec.latent_shape(16, 64, 64)) == (1, 12, 16, 8, 8)
    assert 0.3 < latents.std().item() < 3.0
    assert (decoded - video).abs().mean().item() < 0.05
    frames = ((decoded[0].permute(1, 2, 3, 0) + 1) * 127.5).round().clamp(0, 255).to(torch.uint8).numpy()
    track, truth = analyze(frames)[0], analyze(render(scene))[0]
    assert (track.colour, track.shape, track.motion) == (truth.colour, truth.shape, truth.motion)
    with pytest.raises(ValueError):
        codec.check_frames(6)


@pytest.fixture(scope="module")
def engine():
    from sora_space.loading import load_engine

    return load_engine("embedded")


CASES = [("red circle moving right", "red", 1), ("blue circle moving left", "blue", -1)]


def _tracks(engine, prompt):
    out = []
    for seed in (0, 1, 2):
        video = engine.generate(prompt=prompt, seed=seed, steps=None, guidance=None)
        assert video.frames.shape[0] >= 16 and video.frames.dtype == np.uint8
        tracks = analyze(video.frames)
        assert tracks, f"no object found (seed {seed})"
        out.append(tracks[0])
    return out


@pytest.mark.parametrize("prompt,colour,sign", CASES)
def test_prompt_sets_the_object_colour(engine, prompt, colour, sign):
    assert [t.colour for t in _tracks(engine, prompt)] == [colour] * 3


# v3 ignored the direction word (the path came from the noise); v5's high-noise curriculum fixed that (MODEL_CARD.md).
# v6 (phrasing fine-tune) keeps it.
@pytest.mark.parametrize("prompt,colour,sign", CASES)
def test_prompt_sets_the_direction_of_motion(engine, prompt, colour, sign):
    for track in _tracks(engine, prompt):
        xs = track.centroids[~np.isnan(track.centroids[:, 0]), 0]
        assert track.colour == colour
        assert sign * (xs[-1] - xs[0]) > 8 and track.monotone, xs


# Measured on seeds 0-2: v5 drew 14 of these 15 clips in the prompt's shape (a triangle read as a star), v6 15 of 15.
@pytest.mark.parametrize("prompt,shape", [("a red circle moving right", "circle"),
                                          ("a blue square moving left", "square"),
                                          ("a white triangle staying still", "triangle"),
                                          ("a yellow star moving down", "star"),
                                          ("a green ring moving up", "ring")])
def test_prompt_sets_the_shape(engine, prompt, shape):
    shapes = [t.shape for t in _tracks(engine, prompt)]
    assert shapes.count(shape) >= 2, shapes


def test_measured_nudenet_false_positive_passes_only_as_generated_output(engine):
    """A known NudeNet false positive of the shipped model (a pale triangle on navy, scored 0.57 as
    FEMALE_GENITALIA_EXPOSED; bench/frame_false_positives.py): the profile's measured threshold lets the model's own
    clip through, while the very same frames brought in as an upload are still refused at the strict default."""
    from safety.frames import FrameModerationConfig, FrameModerator
    from sora_space.video_io import upscale

    profile = engine.profile
    assert profile.generated_nudity_threshold == 0.7
    frames = upscale(engine.generate(prompt="white triangle up on a navy background", seed=1060).frames,
                     profile.display_scale)
    moderator = FrameModerator(FrameModerationConfig(
        use_clip=False, generated_nudity_threshold=profile.generated_nudity_threshold))
    as_upload = moderator.check(frames, float(profile.fps))
    assert not as_upload.allowed and as_upload.categories == ("sexual",)
    assert moderator.check(frames, float(profile.fps), generated=True).allowed


def test_app_stack_checks_generated_frames_at_the_profiles_threshold(tmp_path):
    from sora_space.config import Settings
    from sora_space.stack import build_stages

    settings = Settings(output_dir=tmp_path / "out", provenance_db=tmp_path / "prov.db", hf_offline=True,
                        clip_pretrained=None)
    config = build_stages(settings, "embedded").frame_moderator.config
    assert config.generated_nudity_threshold == 0.7 and config.nudity_threshold == 0.4
