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


def _tiny_finetune_setup(tmp_path, monkeypatch, steps):
    import sora_space.embedded.finetune as finetune

    monkeypatch.setattr(finetune, "encode_texts", lambda captions: torch.randn(len(captions), 32, 384,
                                                                              generator=torch.Generator()))
    cfg = replace(TrainConfig(), layers=1, heads=2, ffn_dim=64, n_clips=12, batch=4, finetune_steps=steps,
                  ckpt_every=2, warmup=1)
    torch.manual_seed(0)
    start = build_transformer(cfg, 12).eval()
    gen = torch.Generator().manual_seed(1)
    data = {"latents": torch.randn(12, 12, 4, 4, 4, generator=gen).half(),
            "text": torch.randn(12, 2, 32, 384, generator=gen).half(), "uncond": torch.zeros(32, 384).half()}
    wide = finetune.build_wide_text(cfg, tmp_path, training_scenes(cfg))
    return finetune, cfg, start, data, wide


def test_wide_captions_cover_the_same_clips_and_are_cached(tmp_path, monkeypatch):
    finetune, cfg, _, _, wide = _tiny_finetune_setup(tmp_path, monkeypatch, 2)
    assert wide["text"].shape == (12, 2, 32, 384) and len(wide["captions"]) == 12
    for scene, group in zip(training_scenes(cfg), wide["captions"]):
        colour = scene.objects[0].colour
        assert all(colour in c or any(w in c for w in ("crimson", "scarlet", "tangerine", "golden", "lemon",
                   "emerald", "lime", "aqua", "turquoise", "azure", "cobalt", "violet", "lilac", "magenta",
                   "rose", "ivory")) for c in group)
    assert (tmp_path / "data_wide.pt").exists()
    again = finetune.build_wide_text(cfg, tmp_path, training_scenes(cfg))  # from the cache, not re-encoded
    assert torch.equal(again["text"], wide["text"])


def test_finetune_trains_a_copy_and_resumes_to_the_same_weights(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    finetune, cfg, start, data, wide = _tiny_finetune_setup(tmp_path / "a", monkeypatch, 4)
    before = {k: v.clone() for k, v in start.state_dict().items()}
    straight, history = finetune.finetune_dit(cfg, tmp_path / "a", data, wide, start)
    assert all(torch.equal(before[k], v) for k, v in start.state_dict().items())  # the start model is untouched
    assert any(not torch.equal(before[k], v) for k, v in straight.state_dict().items())
    assert (tmp_path / "a" / "transformer_finetuned_ema" / "config.json").exists()
    # A run stopped at step 2 and resumed ends where the straight run did (same seed, same threads).
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "data_wide.pt").write_bytes((tmp_path / "a" / "data_wide.pt").read_bytes())
    finetune.finetune_dit(replace(cfg, finetune_steps=2), tmp_path / "b", data, wide, start)
    resumed, _ = finetune.finetune_dit(cfg, tmp_path / "b", data, wide, start)
    assert all(torch.allclose(v, resumed.state_dict()[k]) for k, v in straight.state_dict().items())
    shipped, _ = finetune.finetune_dit(cfg, tmp_path / "b", data, wide, start, train=False)  # --stage export
    assert all(torch.equal(v, shipped.state_dict()[k]) for k, v in resumed.state_dict().items())
