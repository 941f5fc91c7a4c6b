"""Shared fakes and fixtures: every component the pipeline takes, small and deterministic, no network."""
from __future__ import annotations

import os
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from safety.types import Detection, FrameVerdict, PromptVerdict  # noqa: E402
from sora_space.config import PROFILES, Settings  # noqa: E402
from sora_space.engine import RawVideo  # noqa: E402
from sora_space.requests import resolve_params  # noqa: E402
from sora_space.codecs import PixelCodec  # noqa: E402
from sora_space.types import Recaption  # noqa: E402


class FakePromptModerator:
    """Refuses prompts containing a blocked word; can be told to crash."""

    def __init__(self, blocked=("forbidden",), fail=False):
        self.blocked, self.fail, self.seen = blocked, fail, []

    def moderate(self, text):
        self.seen.append(text)
        if self.fail:
            raise RuntimeError("moderation model missing")
        hits = tuple("sexual" for w in self.blocked if w in text.lower())
        return PromptVerdict(allowed=not hits, categories=hits[:1], scores={"sexual": 1.0 if hits else 0.0},
                             layer="fake")


class FakeRecaptioner:
    def __init__(self, suffix=", in soft light", replace_with=None, fail=False):
        self.suffix, self.replace_with, self.fail = suffix, replace_with, fail

    def recaption(self, prompt, seed):
        if self.fail:
            raise TimeoutError("llm timed out")
        text = self.replace_with if self.replace_with is not None else prompt + self.suffix
        return Recaption(text, True, "")


class FakeFrameModerator:
    def __init__(self, flag_frame=None, fail=False):
        self.flag_frame, self.fail, self.calls, self.generated_calls = flag_frame, fail, 0, []

    def check(self, frames, fps, *, generated=False):
        self.calls += 1
        self.generated_calls.append(generated)
        if self.fail:
            raise RuntimeError("nudenet failed to load")
        if self.flag_frame is not None and self.flag_frame < len(frames):
            return FrameVerdict(False, ("violence",), (self.flag_frame,), ("fake",))
        return FrameVerdict(True, (), (), ("fake",))


class FakeWatermarker:
    """Writes the id as 32 black/white 8x8 blocks along the top rows; survives H.264 easily."""

    payload_bits = 32

    def __init__(self, wrong_id=False, fail=False):
        self.wrong_id, self.fail, self.detect_calls = wrong_id, fail, 0

    def embed(self, frames, payload_id):
        if self.fail:
            raise RuntimeError("watermark key missing")
        out = frames.copy()
        for bit in range(32):
            out[:, :8, bit * 8:(bit + 1) * 8] = 255 if (payload_id >> bit) & 1 else 0
        return out

    def detect_file(self, path):
        from safety.media import read_video

        self.detect_calls += 1
        frames, _ = read_video(path, max_frames=1)
        value = sum(int(frames[0, :8, b * 8:(b + 1) * 8].mean() > 127) << b for b in range(32))
        if self.wrong_id:
            value ^= 1
        return Detection(True, 0.999999, value, 1.0, 1)


class FakeProvenance:
    def __init__(self, fail=False):
        self.records, self.fail, self.rng = {}, fail, random.Random(0)

    def new_id(self, bits):
        return self.rng.getrandbits(bits)

    def record(self, **rec):
        if self.fail:
            raise OSError("disk full")
        self.records[rec["id"]] = rec
        return rec

    def lookup(self, id):
        return self.records.get(id)

    def find_by_file(self, sha256):
        if self.fail:
            raise OSError("database is locked")
        return next((r for r in self.records.values() if r.get("file_sha256") == sha256), None)


class FakeEngine:
    """Deterministic frames from the seed: a coloured square moving right. Same contract as VideoEngine."""

    def __init__(self, nan=False):
        self.profile = replace(PROFILES["embedded"], display_scale=4, trained=True)
        self.codec = PixelCodec()
        self.nan = nan
        self.steps_seen = []

    def params(self, **raw):
        return resolve_params(self.profile, self.codec, (1, 8, 8), **raw)

    def generate_params(self, params, *, on_step=None, plan=None):
        rng = np.random.default_rng(params.seed)
        colour = rng.integers(0, 256, 3)
        frames = np.full((params.frames, params.height, params.width, 3), 40, np.uint8)
        for t in range(params.frames):
            x = 4 + 2 * t
            frames[t, 24:40, x:x + 16] = colour
        for i in range(params.steps):
            if on_step:
                on_step(i + 1, params.steps)
            self.steps_seen.append(i)
        return RawVideo(frames, self.profile.fps, params, "float32", {"sample_s": 0.0})


@pytest.fixture
def settings(tmp_path):
    return Settings(output_dir=tmp_path / "outputs")


@pytest.fixture
def fake_stages(settings):
    from sora_space.pipeline import Stages

    return Stages(engine=FakeEngine(), prompt_moderator=FakePromptModerator(), recaptioner=FakeRecaptioner(),
                  frame_moderator=FakeFrameModerator(), watermarker=FakeWatermarker(), provenance=FakeProvenance(),
                  settings=settings)


def pytest_collection_modifyitems(config, items):
    import torch

    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


def fake_stack(output_dir, **settings_overrides):
    """Stages made of the fakes above, writing under `output_dir`."""
    from sora_space.pipeline import Stages

    settings = Settings(output_dir=output_dir, **settings_overrides)
    return Stages(FakeEngine(), FakePromptModerator(), FakeRecaptioner(), FakeFrameModerator(), FakeWatermarker(),
                  FakeProvenance(), settings)


def launch_fake_app(stages, **launch_kwargs):
    """The real Blocks app on 127.0.0.1 over fake components; returns the running demo (close() it)."""
    import app

    demo = app.build_demo(get_stages=lambda: stages, settings=stages.settings, banner=False)
    demo.queue(max_size=16).launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_kwargs)
    return demo
