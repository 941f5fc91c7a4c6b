"""The embedded model's training script: data order, the phase-0 clip pool and the direction probe (tiny sizes)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch

from sora_space.embedded.train import (PROBE_PROMPTS, TrainConfig, build_transformer, direction_pool, direction_probe,
                                       training_scenes)
from sora_space.embedded.world import STRAIGHT_MOTIONS


def test_training_scenes_are_the_clips_build_data_renders(tmp_path, monkeypatch):
    # Phase 0 picks clips by index from training_scenes(cfg): it must redraw build_data's scenes in data.pt's order.
    import sora_space.embedded.train as train

    rendered = []

    def fake_render(scenes):
        rendered.extend(scenes)
        return np.zeros((len(scenes), 3, 16, 64, 64), np.float32)

    class FakeCodec:
        def encode(self, video):
            return torch.zeros(video.shape[0], 12, 16, 8, 8)

    monkeypatch.setattr(train, "render_clips", fake_render)
    monkeypatch.setattr(train, "encode_texts", lambda captions: torch.zeros(len(captions), 32, 384))
    cfg = replace(TrainConfig(), n_clips=70)
    data = train.build_data(cfg, tmp_path, FakeCodec())
    assert rendered == training_scenes(cfg) and len(data["captions"]) == 70
    assert training_scenes(cfg) != training_scenes(replace(cfg, seed=1))


def test_direction_pool_is_single_straight_motions_only():
    cfg = replace(TrainConfig(), n_clips=300)
    scenes, pool = training_scenes(cfg), direction_pool(cfg).tolist()
    assert 60 < len(pool) < 200, len(pool)  # ~39% of clips
    for i, scene in enumerate(scenes):
        straight = len(scene.objects) == 1 and scene.objects[0].motion in STRAIGHT_MOTIONS
        assert (i in pool) == straight


def test_direction_probe_measures_what_the_text_changes():
    torch.manual_seed(0)
    model = build_transformer(replace(TrainConfig(), layers=1, heads=2, ffn_dim=64), 12).eval()
    text = torch.randn(3, 8, 384)
    same = direction_probe(model, text[:1].expand(3, -1, -1).contiguous(), 10.0, (12, 4, 4, 4))
    assert same == (0.0, 0.0)
    differ = direction_probe(model, text, 10.0, (12, 4, 4, 4))
    assert all(np.isfinite(d) and d > 0 for d in differ)
    assert len(PROBE_PROMPTS) == 3
