"""Train the embedded text-to-video model from a seed: `python -m sora_space.embedded.train [--device cuda]`.

Contract: four stages, each resumable from the work directory (default `.cache/embedded_train/`), writing the shipped
layout into `--out` (default `assets/embedded/`):
1. codec  - per-frame autoencoder (EmbeddedFrameCodec) on freshly rendered frames;
2. data   - render N training clips, encode them to latents (and set the codec's latent normalisation), caption
            each clip K ways and MiniLM-encode every caption once (cached, never per step);
3. dit    - WanTransformer3DModel with flow matching (x_t = (1-s) x0 + s eps, target v = eps - x0, timestep s*1000),
            10% caption dropout to "" for classifier-free guidance, EMA weights; checkpoints every `ckpt_every`;
4. export - transformer (EMA) + codec + scheduler config + profile.json into `--out`.
`--stage all` runs them in order, skipping stages whose outputs already exist in the work dir.
All randomness comes from `--seed`; on the same device and thread count the result is reproducible.
"""
from __future__ import annotations

import argparse
import copy
import json
import logging
import math
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from .captions import random_caption
from .codec import EmbeddedFrameCodec
from .dataset import TEXT_MAX_LENGTH, batches, encode_texts, render_clips, sample_training_scene

log = logging.getLogger("sora_space.embedded.train")
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 0
    device: str = "cpu"
    threads: int = 2
    # codec
    codec_steps: int = 600
    codec_batch_frames: int = 24
    codec_lr: float = 2e-3
    # data
    n_clips: int = 2500
    captions_per_clip: int = 2
    # transformer
    heads: int = 4
    head_dim: int = 32
    layers: int = 4
    ffn_dim: int = 384
    patch: tuple[int, int, int] = (4, 2, 2)
    dit_steps: int = 2400
    batch: int = 16
    lr: float = 6e-4
    warmup: int = 100
    ema_decay: float = 0.998
    caption_dropout: float = 0.1
    ckpt_every: int = 250
    # sampling defaults written to profile.json
    frames: int = 16
    size: int = 64
    fps: int = 8
    steps: int = 20
    guidance: float = 4.0
    shift: float = 2.0


def build_transformer(cfg: TrainConfig, latent_channels: int):
    from diffusers import WanTransformer3DModel

    return WanTransformer3DModel(
        patch_size=cfg.patch, num_attention_heads=cfg.heads, attention_head_dim=cfg.head_dim,
        in_channels=latent_channels, out_channels=latent_channels, text_dim=384, freq_dim=128,
        ffn_dim=cfg.ffn_dim, num_layers=cfg.layers, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
        rope_max_seq_len=64)


# -- stage 1: codec ---------------------------------------------------------------------------------------------
def train_codec(cfg: TrainConfig, work: Path) -> EmbeddedFrameCodec:
    path = work / "codec"
    if (path / "model.safetensors").exists():
        return EmbeddedFrameCodec.from_pretrained(path).to(cfg.device)
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed + 1)
    codec = EmbeddedFrameCodec().to(cfg.device)
    opt = torch.optim.AdamW(codec.parameters(), lr=cfg.codec_lr, weight_decay=0.0)
    clips_per_step = max(1, cfg.codec_batch_frames // 4)
    started = time.perf_counter()
    for step in range(1, cfg.codec_steps + 1):
        lr = cfg.codec_lr * min(1.0, step / 50) * 0.5 * (1 + math.cos(math.pi * step / cfg.codec_steps))
        for group in opt.param_groups:
            group["lr"] = lr
        video = render_clips([sample_training_scene(rng) for _ in range(clips_per_step)])  # (N,3,T,H,W)
        picks = rng.integers(video.shape[2], size=(clips_per_step, 4))
        frames = np.concatenate([video[i, :, p] for i, p in enumerate(picks)])  # (4, 3, H, W) each
        x = torch.from_numpy(frames).to(cfg.device)
        z = codec.encode_frames(x)
        # Latent noise makes the decoder tolerant of the DiT's imperfect latents; the small L2 keeps z bounded.
        z_noisy = z + 0.1 * z.detach().std() * torch.randn_like(z)
        y = codec.decode_frames(z_noisy)
        err = (y - x).abs()
        # Object pixels are few; up-weight pixels that differ from the frame's median colour (the background).
        weight = 1.0 + 4.0 * ((x - x.median(dim=-1, keepdim=True).values.median(dim=-2, keepdim=True).values)
                              .abs().sum(1, keepdim=True) > 0.3).float()
        loss = (err * weight).mean() + F.mse_loss(y, x) + 1e-4 * z.pow(2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 50 == 0 or step == 1:
            log.info("codec step %d/%d loss %.4f l1 %.4f (%.1fs)", step, cfg.codec_steps, loss.item(),
                     err.mean().item(), time.perf_counter() - started)
    codec.eval().save_pretrained(path)
    return codec


# -- stage 2: data ----------------------------------------------------------------------------------------------
@torch.no_grad()
def build_data(cfg: TrainConfig, work: Path, codec: EmbeddedFrameCodec) -> dict:
    path = work / "data.pt"
    if path.exists():
        data = torch.load(path)
        codec.set_latent_stats(data["latent_mean"], data["latent_std"])
        return data
    rng = np.random.default_rng(cfg.seed + 2)
    scenes = [sample_training_scene(rng) for _ in range(cfg.n_clips)]
    codec.set_latent_stats(torch.zeros(codec.latent_channels), torch.ones(codec.latent_channels))
    latents, started = [], time.perf_counter()
    for start in range(0, len(scenes), 32):
        video = torch.from_numpy(render_clips(scenes[start:start + 32])).to(cfg.device)
        latents.append(codec.encode(video).cpu())
        if start % 640 == 0:
            log.info("encoded %d/%d clips (%.1fs)", start, len(scenes), time.perf_counter() - started)
    raw = torch.cat(latents)                                  # (N, C, T, h, w) unnormalised
    mean = raw.mean(dim=(0, 2, 3, 4))
    std = raw.std(dim=(0, 2, 3, 4))
    codec.set_latent_stats(mean, std)
    normed = ((raw - mean.view(1, -1, 1, 1, 1)) / std.view(1, -1, 1, 1, 1)).to(torch.float16)
    captions = [[random_caption(s, rng) for _ in range(cfg.captions_per_clip)] for s in scenes]
    flat = [c for group in captions for c in group] + [""]
    text = encode_texts(flat)                                 # (N*K + 1, L, 384) float16
    data = {"latents": normed, "text": text[:-1].reshape(len(scenes), cfg.captions_per_clip, TEXT_MAX_LENGTH, -1),
            "uncond": text[-1], "captions": captions, "latent_mean": mean, "latent_std": std}
    torch.save(data, path)
    log.info("data: %d clips, latents %s, %.1fs", len(scenes), tuple(normed.shape), time.perf_counter() - started)
    return data


# -- stage 3: transformer ---------------------------------------------------------------------------------------
def flow_matching_loss(model, x0: torch.Tensor, text: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    b = x0.shape[0]
    # Logit-normal noise levels (SD3 / Wan practice): most training signal at mid noise.
    sigma = torch.sigmoid(torch.randn(b, generator=generator, device="cpu")).to(x0.device)
    noise = torch.randn(x0.shape, generator=generator, device="cpu").to(x0.device)
    s = sigma.view(b, 1, 1, 1, 1)
    x_t = (1 - s) * x0 + s * noise
    pred = model(hidden_states=x_t, timestep=sigma * 1000, encoder_hidden_states=text, return_dict=False)[0]
    return F.mse_loss(pred, noise - x0)


def train_dit(cfg: TrainConfig, work: Path, data: dict):
    ckpt_path = work / "dit_state.pt"
    latents, text, uncond = data["latents"], data["text"], data["uncond"]
    model = build_transformer(cfg, latents.shape[1]).to(cfg.device)
    ema = copy.deepcopy(model).requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01, betas=(0.9, 0.99))
    step, history = 0, []
    torch.manual_seed(cfg.seed + 3)
    generator = torch.Generator().manual_seed(cfg.seed + 3)
    rng = np.random.default_rng(cfg.seed + 3)
    if ckpt_path.exists():
        state = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(state["model"])
        ema.load_state_dict(state["ema"])
        opt.load_state_dict(state["opt"])
        step, history = state["step"], state["history"]
        generator.set_state(state["generator"])
        rng.bit_generator.state = state["rng"]
        log.info("resumed transformer training at step %d", step)
    if step >= cfg.dit_steps:
        return ema, history
    log.info("transformer: %.2fM parameters", sum(p.numel() for p in model.parameters()) / 1e6)
    index_stream = batches(len(latents), cfg.batch, rng)
    started, running = time.perf_counter(), []
    while step < cfg.dit_steps:
        step += 1
        lr = cfg.lr * min(1.0, step / cfg.warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / cfg.dit_steps)))
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.from_numpy(next(index_stream))
        which = torch.from_numpy(rng.integers(cfg.captions_per_clip, size=len(idx)))
        cond = text[idx, which].float()
        drop = torch.from_numpy(rng.random(len(idx)) < cfg.caption_dropout)
        cond[drop] = uncond.float()
        x0 = latents[idx].float().to(cfg.device)
        loss = flow_matching_loss(model, x0, cond.to(cfg.device), generator)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        decay = min(cfg.ema_decay, (1 + step) / (10 + step))
        with torch.no_grad():
            for p_ema, p in zip(ema.parameters(), model.parameters()):
                p_ema.lerp_(p, 1 - decay)
        running.append(loss.item())
        if step % 50 == 0:
            history.append((step, float(np.mean(running))))
            log.info("dit step %d/%d loss %.4f lr %.2e (%.1fs)", step, cfg.dit_steps, np.mean(running), lr,
                     time.perf_counter() - started)
            running = []
        if step % cfg.ckpt_every == 0 or step == cfg.dit_steps:
            torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                        "step": step, "history": history, "generator": generator.get_state(),
                        "rng": rng.bit_generator.state}, ckpt_path.with_suffix(".tmp"))
            ckpt_path.with_suffix(".tmp").replace(ckpt_path)
            ema.save_pretrained(work / "transformer_ema")
    return ema, history


# -- stage 4: export + a minimal sampler ------------------------------------------------------------------------
def make_scheduler(shift: float):
    from diffusers import FlowMatchEulerDiscreteScheduler

    return FlowMatchEulerDiscreteScheduler(num_train_timesteps=1000, shift=shift)


@torch.no_grad()
def sample(model, codec, cond: torch.Tensor, uncond: torch.Tensor, *, seed: int, steps: int, guidance: float,
           shift: float, frames: int = 16, size: int = 64) -> np.ndarray:
    """Minimal Euler + CFG sampler (same maths as sora_space.sampler) -> uint8 (B, T, H, W, 3)."""
    b = cond.shape[0]
    shape = (b, *codec.latent_shape(frames, size, size))
    x = torch.randn(shape, generator=torch.Generator().manual_seed(seed))
    scheduler = make_scheduler(shift)
    scheduler.set_timesteps(steps)
    text = torch.cat([cond, uncond.expand(b, -1, -1)]).float()
    for t in scheduler.timesteps:
        v = model(hidden_states=torch.cat([x, x]), timestep=t.expand(2 * b), encoder_hidden_states=text,
                  return_dict=False)[0]
        v_cond, v_uncond = v.chunk(2)
        x = scheduler.step(v_uncond + guidance * (v_cond - v_uncond), t, x, return_dict=False)[0]
    video = codec.decode(x)                                       # (B, 3, T, H, W) in [-1, 1]
    return ((video.permute(0, 2, 3, 4, 1) + 1) * 127.5).round().clamp(0, 255).to(torch.uint8).numpy()


def export(cfg: TrainConfig, out: Path, model, codec, history, data) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out / "transformer", safe_serialization=True)
    codec.save_pretrained(out / "codec")
    make_scheduler(cfg.shift).save_pretrained(out / "scheduler")
    profile = {"height": cfg.size, "width": cfg.size, "frames": cfg.frames, "fps": cfg.fps, "steps": cfg.steps,
               "guidance": cfg.guidance, "text_max_length": TEXT_MAX_LENGTH,
               "codec_class": "sora_space.embedded.codec:EmbeddedFrameCodec",
               "label": "Embedded CPU model (trained in this repo)"}
    (out / "profile.json").write_text(json.dumps(profile, indent=2) + "\n")
    (out / "training_log.json").write_text(json.dumps(
        {"config": asdict(cfg), "loss_history": history, "n_clips": int(data["latents"].shape[0])}, indent=1))
    log.info("exported to %s", out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=("all", "codec", "data", "dit", "export"), default="all")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "assets" / "embedded")
    parser.add_argument("--work", type=Path, default=REPO_ROOT / ".cache" / "embedded_train")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--codec-steps", type=int)
    parser.add_argument("--dit-steps", type=int)
    parser.add_argument("--clips", type=int)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = {k: v for k, v in (("codec_steps", args.codec_steps), ("dit_steps", args.dit_steps),
                                   ("n_clips", args.clips)) if v is not None}
    cfg = replace(TrainConfig(seed=args.seed, device=args.device, threads=args.threads), **overrides)
    torch.set_num_threads(cfg.threads)
    args.work.mkdir(parents=True, exist_ok=True)
    codec = train_codec(cfg, args.work)
    if args.stage == "codec":
        return
    data = build_data(cfg, args.work, codec)
    if args.stage == "data":
        return
    model, history = train_dit(cfg, args.work, data)
    if args.stage == "dit":
        return
    export(cfg, args.out, model.cpu().eval(), codec.cpu().eval(), history, data)


if __name__ == "__main__":
    main()
