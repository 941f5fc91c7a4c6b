"""Stage 3b of `python -m sora_space.embedded.train`: phrasing fine-tune of the transformer (phase 3, v6).

Contract:
- `build_wide_text(cfg, work, scenes)` captions the same training clips `cfg.captions_per_clip` ways from the wider
  pool (`random_caption(..., wide=True)`: more verbs and framings, none of the held-out ones) and MiniLM-encodes them
  once: float16 (N, K, 32, 384), cached in `work/data_wide.pt`.
- `finetune_dit(cfg, work, data, wide, start)` trains a copy of `start` (the phase-2 EMA, or a shipped transformer
  passed with `--finetune-from`) for `cfg.finetune_steps` steps with a fresh AdamW at `cfg.finetune_lr`, the phase-2
  loss (object weight, high-noise quarter) and, per sample, the old or the wide captions with equal odds. Resumable
  from `work/finetune_state.pt`; returns (EMA model, loss history); with `train=False` it returns the latest checkpoint
  (or `start`) without training further. All randomness comes from `cfg.seed`.
Why: without the recaptioner, held-out phrasings lost the direction mostly after a framing ("there is ...") or an
unseen verb ("shifting"); 9 verbs and 8 templates were too narrow for MiniLM's contextual token embeddings.
"""
from __future__ import annotations

import copy
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from .captions import random_caption
from .dataset import TEXT_MAX_LENGTH, encode_texts
from .world import SceneSpec

if TYPE_CHECKING:
    from .train import TrainConfig

log = logging.getLogger("sora_space.embedded.train")


@torch.no_grad()
def build_wide_text(cfg: TrainConfig, work: Path, scenes: list[SceneSpec]) -> dict:
    path = work / "data_wide.pt"
    if path.exists():
        wide = torch.load(path)
        if tuple(wide["text"].shape[:2]) == (len(scenes), cfg.captions_per_clip):
            return wide
        log.info("finetune: cached %s was built for other settings; rebuilding", path)
    rng = np.random.default_rng(cfg.seed + 4)
    captions = [[random_caption(s, rng, wide=True) for _ in range(cfg.captions_per_clip)] for s in scenes]
    text = encode_texts([c for group in captions for c in group])          # (N*K, L, 384) float16
    wide = {"text": text.reshape(len(scenes), cfg.captions_per_clip, TEXT_MAX_LENGTH, -1), "captions": captions}
    torch.save(wide, path)
    log.info("finetune: %d wide captions encoded", text.shape[0])
    return wide


def batch_indices(cfg: TrainConfig, n: int, step: int) -> np.ndarray:
    """Step `step`'s clip indices: epoch e's order is a permutation seeded by (seed, e), so a resumed run draws the
    same batches as a straight one (train_dit's lazily drawn epochs would not)."""
    per_epoch = max(1, n // cfg.batch)
    epoch, b = divmod(step - 1, per_epoch)
    order = np.random.default_rng([cfg.seed + 6, epoch]).permutation(n)
    return order[b * cfg.batch:(b + 1) * cfg.batch]


def finetune_dit(cfg: TrainConfig, work: Path, data: dict, wide: dict, start,
                 train: bool = True) -> tuple[object, list]:
    from .train import (PROBE_PROMPTS, direction_probe, restore_training_state,  # train imports this module
                        save_training_state, train_step)

    ckpt_path = work / "finetune_state.pt"
    latents, uncond = data["latents"], data["uncond"]
    texts = torch.stack([data["text"], wide["text"]], dim=1)               # (N, 2, K, L, 384): old | wide
    model = copy.deepcopy(start).to(cfg.device).train().requires_grad_(True)
    ema = copy.deepcopy(start).to(cfg.device).requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.finetune_lr, weight_decay=0.01, betas=(0.9, 0.99))
    step, history = 0, []
    generator = torch.Generator().manual_seed(cfg.seed + 5)
    rng = np.random.default_rng(cfg.seed + 5)
    if ckpt_path.exists():
        step, history = restore_training_state(torch.load(ckpt_path, weights_only=False), model, ema, opt,
                                               generator, rng)
        log.info("resumed the fine-tune at step %d", step)
    if step >= cfg.finetune_steps or not train:  # --stage export ships the latest checkpoint as is
        return ema, history
    probe_text = encode_texts(list(PROBE_PROMPTS)).float().to(cfg.device)
    started, running = time.perf_counter(), []
    while step < cfg.finetune_steps:
        step += 1
        lr = cfg.finetune_lr * min(1.0, step / cfg.warmup)
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.from_numpy(batch_indices(cfg, len(latents), step))
        pool = torch.from_numpy(rng.integers(2, size=len(idx)))             # 0: old captions, 1: wide ones
        which = torch.from_numpy(rng.integers(cfg.captions_per_clip, size=len(idx)))
        cond = texts[idx, pool, which].float()
        drop = torch.from_numpy(rng.random(len(idx)) < cfg.caption_dropout)
        cond[drop] = uncond.float()
        x0 = latents[idx].float().to(cfg.device)                             # (B, C, T, h, w)
        running.append(train_step(cfg, model, ema, opt, x0, cond, generator, step, cfg.fg_weight,
                                  high_noise_fraction=cfg.high_noise_fraction))
        if step % 50 == 0:
            history.append((step, float(np.mean(running))))
            log.info("finetune step %d/%d loss %.4f lr %.2e (%.1fs)", step, cfg.finetune_steps, np.mean(running),
                     lr, time.perf_counter() - started)
            running = []
        if step % cfg.ckpt_every == 0 or step == cfg.finetune_steps:
            save_training_state(ckpt_path, work / "transformer_finetuned_ema", model, ema, opt, step, history,
                                generator, rng)
            log.info("direction probe at fine-tune step %d: right-vs-left %.5f, red-vs-blue %.5f (EMA)", step,
                     *direction_probe(ema, probe_text, cfg.position_scale, tuple(latents.shape[1:])))
    return ema, history
