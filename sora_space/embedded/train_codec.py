"""Stages 1 and 4 of `python -m sora_space.embedded.train`: the embedded codec's patch PCA and its refiner.

Contract: `fit_codec(cfg, work)` fits the PCA on rendered frames (or loads `work/codec_pca`); `train_refiner(cfg, work,
codec)` trains only the refiner with the PCA fixed (or loads `work/codec_refined`), saving partial progress every 200
steps to `work/codec_refined_partial`. `cfg` is a `train.TrainConfig`; all randomness comes from `cfg.seed`.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch.nn import functional as F

from .codec import EmbeddedFrameCodec
from .dataset import render_clips, sample_training_scene
from .world import COLOURS, SHAPES, SceneSpec, sample_background, sample_object

if TYPE_CHECKING:
    from .train import TrainConfig

log = logging.getLogger("sora_space.embedded.train")


# -- codec (PCA fit) and its refiner --------------------------------------------------------------------
def _dense_frames(rng: np.random.Generator, n: int) -> np.ndarray:
    """n frames (n, 3, H, W) in [-1, 1] with 3-5 random still objects each: several times more edges per pixel
    than training clips, which is what the codec's fit and refiner are short of."""
    scenes = []
    for _ in range(n):
        objs = []
        for _ in range(int(rng.integers(3, 6))):
            obj = sample_object(rng, SHAPES[int(rng.integers(len(SHAPES)))],
                                list(COLOURS)[int(rng.integers(len(COLOURS)))], "still", "slow",
                                small=bool(rng.random() < 0.5))
            objs.append(replace(obj, x=float(rng.uniform(4, 60)), y=float(rng.uniform(4, 60)),
                                radius=obj.radius * float(rng.uniform(0.5, 1.3)),
                                angle=float(rng.uniform(0, 2 * np.pi))))
        scenes.append(SceneSpec(tuple(objs), *sample_background(rng), frames=1))
    return render_clips(scenes)[:, :, 0]


def _training_frames(rng: np.random.Generator, n_clips: int, per_clip: int, n_dense: int) -> np.ndarray:
    video = render_clips([sample_training_scene(rng) for _ in range(n_clips)])
    picks = rng.integers(video.shape[2], size=(n_clips, per_clip))
    parts = [video[i, :, p] for i, p in enumerate(picks)]  # (per_clip, 3, H, W) each
    if n_dense:
        parts.append(_dense_frames(rng, n_dense))
    return np.concatenate(parts)


def fit_codec(cfg: TrainConfig, work: Path) -> EmbeddedFrameCodec:
    path = work / "codec_pca"
    if (path / "model.safetensors").exists():
        return EmbeddedFrameCodec.from_pretrained(path)
    torch.manual_seed(cfg.seed)
    codec = EmbeddedFrameCodec()
    frames = _training_frames(np.random.default_rng(cfg.seed + 1), cfg.pca_clips, 6, cfg.pca_clips)
    explained = codec.fit_pca(frames)
    log.info("codec: PCA on %d frames, %d components explain %.1f%% of patch variance", len(frames),
             codec.latent_channels, 100 * explained)
    codec.save_pretrained(path)
    return codec


def train_refiner(cfg: TrainConfig, work: Path, codec: EmbeddedFrameCodec) -> EmbeddedFrameCodec:
    """Train only the codec's refiner (PCA fixed) to turn blurred PCA reconstructions back into sharp frames."""
    path = work / "codec_refined"
    if (path / "model.safetensors").exists():
        return EmbeddedFrameCodec.from_pretrained(path)
    torch.manual_seed(cfg.seed + 10)
    rng = np.random.default_rng(cfg.seed + 11)
    codec = codec.to(cfg.device).train()
    params = list(codec.refiner.parameters())
    opt = torch.optim.AdamW(params, lr=cfg.refine_lr, weight_decay=0.0)
    started = time.perf_counter()
    for step in range(1, cfg.refine_steps + 1):
        lr = cfg.refine_lr * min(1.0, step / 50) * 0.5 * (1 + math.cos(math.pi * step / cfg.refine_steps))
        for group in opt.param_groups:
            group["lr"] = lr
        n = cfg.refine_batch_frames
        x = torch.from_numpy(_training_frames(rng, n // 4, 2, n // 2)).to(cfg.device)
        with torch.no_grad():
            z = codec.encode_frames(x)
            # Latent noise (in units of each channel's spread) makes decoding tolerant of the DiT's imperfections.
            z = z + cfg.refine_latent_noise * codec.latent_std.view(1, -1, 1, 1) * torch.randn_like(z)
            base = codec.linear_decode_frames(z)
        y = codec.refiner(base)
        err = (y - x).abs()
        loss = err.mean() + F.mse_loss(y, x)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 25 == 0 or step == 1:
            log.info("refiner step %d/%d loss %.4f l1 %.4f (pca-only l1 %.4f) (%.1fs)", step, cfg.refine_steps,
                     loss.item(), err.mean().item(), (base - x).abs().mean().item(), time.perf_counter() - started)
        if step % 200 == 0:
            codec.eval().save_pretrained(work / "codec_refined_partial")
            codec.train()
    codec.eval().save_pretrained(path)
    return codec
