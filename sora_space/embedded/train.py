"""Train the embedded text-to-video model from a seed: `python -m sora_space.embedded.train [--device cuda]`.

Contract: stages, each resumable from the work directory (default `.cache/embedded_train_v5/`), writing the shipped
layout into `--out` (default `assets/embedded/`):
1. codec  - fit the codec's patch PCA on rendered frames (seconds);
2. data   - render N training clips, encode them to latents, caption each clip K ways and MiniLM-encode every
            caption once (cached, never per step);
3. dit    - WanTransformer3DModel with flow matching (x_t = (1-s) x0 + s eps, target v = eps - x0, timestep s*1000),
            10% caption dropout to "" for classifier-free guidance, constant LR after warm-up, EMA weights; a
            high-noise phase 0 on straight motions first (`direction_steps`), then the full mix; checkpoints every
            `ckpt_every` (so a run stopped at step k equals `--dit-steps k`), each logging the direction probe;
3b. finetune - phase 3 (`sora_space.embedded.finetune`): from the phase-2 EMA (or `--finetune-from DIR`), a fresh
            optimiser at a lower LR trains on the same clips with old or wider captions (more verbs and framings);
4. refine - train the codec's sharpening refiner with the PCA fixed (independent of 2-3: may run beside them);
5. export - transformer (EMA) + codec + scheduler config + profile.json + training_log.json into `--out`.
`--stage all` runs them in order, skipping stages whose outputs already exist in the work dir; `--stage export`
ships the latest checkpoints without training further.
All randomness comes from `--seed`; on the same device and thread count the result is reproducible.
"""
from __future__ import annotations

import argparse
import copy
import json
import logging
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch

from .captions import random_caption
from .codec import EmbeddedFrameCodec
from .dataset import TEXT_MAX_LENGTH, batches, encode_texts, render_clips, sample_training_scene
from .finetune import build_wide_text, finetune_dit
from .train_codec import fit_codec, train_refiner
from .world import STRAIGHT_MOTIONS, SceneSpec
from ..positions import POSITION_CHANNELS, add_position_channels

log = logging.getLogger("sora_space.embedded.train")
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 0
    device: str = "cpu"
    threads: int = 2
    # codec
    pca_clips: int = 300
    refine_steps: int = 1500
    refine_batch_frames: int = 16
    refine_lr: float = 1e-3
    refine_latent_noise: float = 0.05
    # data
    n_clips: int = 16000
    captions_per_clip: int = 2
    # transformer
    heads: int = 6
    head_dim: int = 32
    layers: int = 4
    ffn_dim: int = 512
    patch: tuple[int, int, int] = (2, 2, 2)
    position_channels: int = POSITION_CHANNELS  # (t, y, x) maps appended to the input: see sora_space.positions
    # The maps span [-scale, scale]: at 1 the noise in the input drowns them near pure noise (MODEL_CARD.md).
    position_scale: float = 10.0
    high_noise_fraction: float = 0.25  # share of each batch drawn near pure noise, where a clip's path is decided
    high_noise_shift: float = 20.0     # their noise levels: logit-normal shifted by 20 (median sigma 0.95)
    # Phase 0 (steps 1..direction_steps): only single-object straight-motion clips, all near pure noise. Probes showed
    # the direction appears there after ~1000 steps but not in 1500 (nor, mixed with low noise, 7500) of the full mix.
    direction_steps: int = 2000
    dit_steps: int = 18000
    batch: int = 16
    lr: float = 6e-4
    warmup: int = 100
    ema_decay: float = 0.998
    caption_dropout: float = 0.1
    fg_weight: float = 4.0          # phase 2: object cells weigh this much more in the loss (see object_weight)
    fg_weight_from: int = 8500      # phase 1 (uniform loss) learned backdrops and colours by here
    ckpt_every: int = 500
    # Phase 3 (v6, sora_space.embedded.finetune): from the phase-2 EMA, a fresh AdamW at a lower LR, old or wider
    # captions per sample. 0 skips it (v5).
    finetune_steps: int = 3000
    finetune_lr: float = 2e-4
    # sampling defaults written to profile.json
    frames: int = 16
    size: int = 64
    fps: int = 8
    steps: int = 20
    guidance: float = 5.0
    shift: float = 2.0


def build_transformer(cfg: TrainConfig, latent_channels: int):
    from diffusers import WanTransformer3DModel

    return WanTransformer3DModel(
        patch_size=cfg.patch, num_attention_heads=cfg.heads, attention_head_dim=cfg.head_dim,
        in_channels=latent_channels + cfg.position_channels, out_channels=latent_channels, text_dim=384,
        freq_dim=128,
        ffn_dim=cfg.ffn_dim, num_layers=cfg.layers, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
        rope_max_seq_len=64)


# -- stage 2: data ----------------------------------------------------------------------------------------------
def training_scenes(cfg: TrainConfig) -> list[SceneSpec]:
    """The specs of the N training clips, in data.pt's order (cheap: no rendering), e.g. to pick clips by motion."""
    rng = np.random.default_rng(cfg.seed + 2)
    return [sample_training_scene(rng) for _ in range(cfg.n_clips)]


@torch.no_grad()
def build_data(cfg: TrainConfig, work: Path, codec: EmbeddedFrameCodec) -> dict:
    path = work / "data.pt"
    if path.exists():
        data = torch.load(path)
        if tuple(data["text"].shape[:2]) == (cfg.n_clips, cfg.captions_per_clip):
            return data
        log.info("data: cached %s was built for other settings; rebuilding", path)
    rng = np.random.default_rng(cfg.seed + 2)
    scenes = [sample_training_scene(rng) for _ in range(cfg.n_clips)]  # training_scenes(cfg) redraws exactly these
    latents, started = [], time.perf_counter()
    for start in range(0, len(scenes), 64):
        video = torch.from_numpy(render_clips(scenes[start:start + 64]))
        latents.append(codec.encode(video).to(torch.float16))
    normed = torch.cat(latents)                                # (N, C, T, h, w), ~unit variance per channel
    log.info("rendered + encoded %d clips in %.1fs", len(scenes), time.perf_counter() - started)
    captions = [[random_caption(s, rng) for _ in range(cfg.captions_per_clip)] for s in scenes]
    flat = [c for group in captions for c in group] + [""]
    text = encode_texts(flat)                                 # (N*K + 1, L, 384) float16
    data = {"latents": normed, "text": text[:-1].reshape(len(scenes), cfg.captions_per_clip, TEXT_MAX_LENGTH, -1),
            "uncond": text[-1], "captions": captions}
    torch.save(data, path)
    log.info("data: %d clips, latents %s, %.1fs", len(scenes), tuple(normed.shape), time.perf_counter() - started)
    return data


def direction_pool(cfg: TrainConfig) -> torch.Tensor:
    """Indices of the clips phase 0 draws from: one object moving in a straight line (39% of the data)."""
    return torch.tensor([i for i, scene in enumerate(training_scenes(cfg))
                         if len(scene.objects) == 1 and scene.objects[0].motion in STRAIGHT_MOTIONS])


# -- stage 3: transformer ---------------------------------------------------------------------------------------
def flow_matching_loss(model, x0: torch.Tensor, text: torch.Tensor, generator: torch.Generator,
                       shift: float = 1.0, fg_weight: float = 1.0, position_scale: float | None = None,
                       high_noise_fraction: float = 0.0, high_noise_shift: float = 20.0) -> torch.Tensor:
    b = x0.shape[0]
    # Logit-normal noise levels (SD3 / Wan practice), shifted like the sampler's schedule (sigma' = k s / (1 + (k-1) s)).
    # Unshifted, only ~8% of samples have sigma > 0.8, where one object's place in every frame is decided: the model
    # then learned colour but drew each frame pair on its own. Matching the sampler's shift trains where it samples.
    # Optionally a share `high_noise_fraction` is shifted much further: a clip's path is decided near pure noise, where
    # the text alone must fix it, and at the sampler's shift only ~7% of samples land above sigma 0.9 (off by default).
    s_ = torch.sigmoid(torch.randn(b, generator=generator, device="cpu"))
    k = torch.full((b,), float(shift))
    if high_noise_fraction > 0:  # drawn only when used, so the default run's random stream is the shipped one's
        high = torch.rand(b, generator=generator, device="cpu") < high_noise_fraction
        k = torch.where(high, torch.tensor(high_noise_shift), k)
    sigma = (k * s_ / (1 + (k - 1) * s_)).to(x0.device)
    noise = torch.randn(x0.shape, generator=generator, device="cpu").to(x0.device)
    s = sigma.view(b, 1, 1, 1, 1)
    x_t = (1 - s) * x0 + s * noise
    inputs = x_t if position_scale is None else add_position_channels(x_t, position_scale)  # (B, C [+3], T, h, w)
    pred = model(hidden_states=inputs, timestep=sigma * 1000, encoder_hidden_states=text, return_dict=False)[0]
    err = (pred - (noise - x0)).pow(2)                                       # (B, C, T, h, w)
    if fg_weight == 1.0:
        return err.mean()
    return (err * object_weight(x0, fg_weight)).mean()


def object_weight(x0: torch.Tensor, fg_weight: float, threshold: float = 0.5) -> torch.Tensor:
    """(B, 1, T, h, w) loss weights, mean 1 per clip: `fg_weight` on latent cells that differ from the background.
    Objects fill ~13% of cells, so an unweighted loss spends most of its gradient on the (easy) background; the
    background is each row's or column's median (plain and gradient backdrops both pass), in unit-variance latents."""
    row_bg = x0.median(dim=4, keepdim=True).values
    col_bg = x0.median(dim=3, keepdim=True).values
    deviation = torch.minimum((x0 - row_bg).abs(), (x0 - col_bg).abs()).mean(1, keepdim=True)
    weight = 1.0 + (fg_weight - 1.0) * (deviation > threshold).float()
    return weight / weight.mean(dim=(2, 3, 4), keepdim=True)


def train_dit(cfg: TrainConfig, work: Path, data: dict, train: bool = True):
    ckpt_path = work / "dit_state.pt"
    latents, text, uncond = data["latents"], data["text"], data["uncond"]
    model = build_transformer(cfg, latents.shape[1]).to(cfg.device)
    ema = copy.deepcopy(model).requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01, betas=(0.9, 0.99))
    step, history = 0, []
    torch.manual_seed(cfg.seed + 3)
    generator = torch.Generator().manual_seed(cfg.seed + 3)
    rng = np.random.default_rng(cfg.seed + 3)
    # Settings a checkpoint must share to be resumed; saved with it. Older checkpoints lack the later keys and were
    # trained without those features (the defaults below); patch and n_clips were always there.
    run = {"patch": list(cfg.patch), "n_clips": cfg.n_clips, "position_channels": cfg.position_channels,
           "position_scale": cfg.position_scale, "high_noise_fraction": cfg.high_noise_fraction,
           "direction_steps": cfg.direction_steps}
    before = {"position_channels": 0, "position_scale": 1.0, "high_noise_fraction": 0.0, "direction_steps": 0}
    if ckpt_path.exists():
        state = torch.load(ckpt_path, weights_only=False)
        if any(state.get(key, before.get(key, value)) != value for key, value in run.items()):
            raise SystemExit(f"{ckpt_path} is a run with other settings; pass a fresh --work directory")
        step, history = restore_training_state(state, model, ema, opt, generator, rng)
        log.info("resumed transformer training at step %d", step)
    if step >= cfg.dit_steps or not train:
        return ema, history
    log.info("transformer: %.2fM parameters", sum(p.numel() for p in model.parameters()) / 1e6)
    index_stream = batches(len(latents), cfg.batch, rng)
    straight = direction_pool(cfg)
    probe_text = encode_texts(list(PROBE_PROMPTS)).float().to(cfg.device) if cfg.position_channels else None
    started, running = time.perf_counter(), []
    while step < cfg.dit_steps:
        step += 1
        # Constant after warm-up (EMA does the averaging): stopping at step k equals a run with --dit-steps k.
        lr = cfg.lr * min(1.0, step / cfg.warmup)
        for group in opt.param_groups:
            group["lr"] = lr
        phase0 = step <= cfg.direction_steps
        if phase0:  # single-object straight motions only, all near pure noise (see TrainConfig.direction_steps)
            idx = straight[torch.from_numpy(rng.integers(len(straight), size=cfg.batch))]
        else:
            idx = torch.from_numpy(next(index_stream))
        which = torch.from_numpy(rng.integers(cfg.captions_per_clip, size=len(idx)))
        cond = text[idx, which].float()
        drop = torch.from_numpy(rng.random(len(idx)) < cfg.caption_dropout)
        cond[drop] = uncond.float()
        x0 = latents[idx].float().to(cfg.device)
        # Phase 2 (from `fg_weight_from`): the loss weights object cells `fg_weight` times the background's.
        fg = cfg.fg_weight if step > cfg.fg_weight_from else 1.0
        loss = train_step(cfg, model, ema, opt, x0, cond, generator, step, fg,
                          high_noise_fraction=1.0 if phase0 else cfg.high_noise_fraction)
        running.append(loss)
        if step % 50 == 0:
            history.append((step, float(np.mean(running))))
            log.info("dit step %d/%d loss %.4f lr %.2e (%.1fs)", step, cfg.dit_steps, np.mean(running), lr,
                     time.perf_counter() - started)
            running = []
        if step % cfg.ckpt_every == 0 or step == cfg.dit_steps:
            save_training_state(ckpt_path, work / "transformer_ema", model, ema, opt, step, history, generator, rng,
                                **run)
            if probe_text is not None:
                log.info("direction probe at step %d: right-vs-left %.5f, red-vs-blue %.5f (EMA)", step,
                         *direction_probe(ema, probe_text, cfg.position_scale, tuple(latents.shape[1:])))
    return ema, history


def train_step(cfg: TrainConfig, model, ema, opt, x0: torch.Tensor, cond: torch.Tensor, generator: torch.Generator,
               step: int, fg_weight: float, high_noise_fraction: float) -> float:
    """One optimiser step on a batch (x0: (B, C, T, h, w) latents, cond: (B, L, 384) text) plus the EMA update."""
    loss = flow_matching_loss(model, x0, cond.to(cfg.device), generator, cfg.shift, fg_weight,
                              position_scale=cfg.position_scale if cfg.position_channels else None,
                              high_noise_fraction=high_noise_fraction, high_noise_shift=cfg.high_noise_shift)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    decay = min(cfg.ema_decay, (1 + step) / (10 + step))
    with torch.no_grad():
        for p_ema, p in zip(ema.parameters(), model.parameters()):
            p_ema.lerp_(p, 1 - decay)
    return loss.item()


def save_training_state(path: Path, ema_dir: Path, model, ema, opt, step: int, history: list,
                        generator: torch.Generator, rng: np.random.Generator, **settings) -> None:
    """Everything a resumed run needs (written atomically), plus the EMA as a loadable transformer in `ema_dir`."""
    torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "step": step,
                "history": history, "generator": generator.get_state(), **settings,
                "rng": rng.bit_generator.state}, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").replace(path)
    ema.save_pretrained(ema_dir)


def restore_training_state(state: dict, model, ema, opt, generator: torch.Generator,
                           rng: np.random.Generator) -> tuple[int, list]:
    """Load a `save_training_state` checkpoint into the live objects; returns (step, history)."""
    model.load_state_dict(state["model"])
    ema.load_state_dict(state["ema"])
    opt.load_state_dict(state["opt"])
    generator.set_state(state["generator"])
    rng.bit_generator.state = state["rng"]
    return state["step"], state["history"]


PROBE_PROMPTS = ("a red circle moving right", "a red circle moving left", "a blue circle moving right")


@torch.no_grad()
def direction_probe(model, probe_text: torch.Tensor, position_scale: float, shape: tuple) -> tuple[float, float]:
    """How much the text changes the prediction near pure noise (sigma 0.95), where a clip's path is decided: the MSE
    between the velocities for "... right" and "... left", and for "red" and "blue" as a yardstick. A model that
    ignores the direction word scores ~0.0004 on the first (v3), one that follows it ~0.05 or more."""
    device = probe_text.device
    noise = 0.95 * torch.randn(8, *shape, generator=torch.Generator().manual_seed(1))  # shape = (C, T, h, w)
    inputs = add_position_channels(noise.to(device), position_scale)            # (8, C + 3, T, h, w)
    timestep = torch.full((8,), 950.0, device=device)
    v = [model(hidden_states=inputs, timestep=timestep, encoder_hidden_states=e.expand(8, -1, -1),
               return_dict=False)[0] for e in probe_text.split(1)]
    return (v[0] - v[1]).pow(2).mean().item(), (v[0] - v[2]).pow(2).mean().item()


# -- stage 4: export + a minimal sampler ------------------------------------------------------------------------
def make_scheduler(shift: float):
    from diffusers import FlowMatchEulerDiscreteScheduler

    return FlowMatchEulerDiscreteScheduler(num_train_timesteps=1000, shift=shift)


@torch.no_grad()
def sample(model, codec, cond: torch.Tensor, uncond: torch.Tensor, *, seed: int, steps: int, guidance: float,
           shift: float, frames: int = 16, size: int = 64, position_scale: float = 1.0) -> np.ndarray:
    """Minimal Euler + CFG sampler (same maths as sora_space.sampler) -> uint8 (B, T, H, W, 3)."""
    b = cond.shape[0]
    shape = (b, *codec.latent_shape(frames, size, size))
    x = torch.randn(shape, generator=torch.Generator().manual_seed(seed))
    scheduler = make_scheduler(shift)
    scheduler.set_timesteps(steps)
    text = torch.cat([cond, uncond.expand(b, -1, -1)]).float()
    positions = model.config.in_channels > x.shape[1]
    for t in scheduler.timesteps:
        x_in = add_position_channels(torch.cat([x, x]), position_scale) if positions else torch.cat([x, x])
        v = model(hidden_states=x_in, timestep=t.expand(2 * b), encoder_hidden_states=text,
                  return_dict=False)[0]
        v_cond, v_uncond = v.chunk(2)
        x = scheduler.step(v_uncond + guidance * (v_cond - v_uncond), t, x, return_dict=False)[0]
    video = codec.decode(x)                                       # (B, 3, T, H, W) in [-1, 1]
    return ((video.permute(0, 2, 3, 4, 1) + 1) * 127.5).round().clamp(0, 255).to(torch.uint8).numpy()


def export(cfg: TrainConfig, out: Path, model, codec, history, data, finetune_history=()) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out / "transformer", safe_serialization=True)
    codec.save_pretrained(out / "codec")
    make_scheduler(cfg.shift).save_pretrained(out / "scheduler")
    profile = {"height": cfg.size, "width": cfg.size, "frames": cfg.frames, "fps": cfg.fps, "steps": cfg.steps,
               "guidance": cfg.guidance, "text_max_length": TEXT_MAX_LENGTH,
               "position_channels": cfg.position_channels, "position_scale": cfg.position_scale,
               "codec_class": "sora_space.embedded.codec:EmbeddedFrameCodec",
               "label": "Embedded CPU model (trained in this repo)"}
    (out / "profile.json").write_text(json.dumps(profile, indent=2) + "\n")
    steps_done = history[-1][0] if history else 0
    (out / "training_log.json").write_text(json.dumps(
        {"config": asdict(cfg), "dit_steps_done": steps_done, "loss_history": history,
         "finetune_steps_done": finetune_history[-1][0] if finetune_history else 0,
         "finetune_loss_history": list(finetune_history),
         "n_clips": int(data["latents"].shape[0])}, indent=1))
    log.info("exported to %s", out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=("all", "codec", "data", "dit", "finetune", "refine", "export"),
                        default="all",
                        help="run up to this stage (refine needs only the codec and may run beside dit)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "assets" / "embedded")
    parser.add_argument("--work", type=Path, default=REPO_ROOT / ".cache" / "embedded_train_v5")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--refine-steps", type=int)
    parser.add_argument("--dit-steps", type=int)
    parser.add_argument("--clips", type=int)
    parser.add_argument("--finetune-steps", type=int)
    parser.add_argument("--finetune-from", type=Path,
                        help="start phase 3 from this saved transformer (e.g. a v5 `transformer/`) instead of "
                             "the dit stage's EMA")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = {k: v for k, v in (("refine_steps", args.refine_steps), ("dit_steps", args.dit_steps),
                                   ("n_clips", args.clips), ("finetune_steps", args.finetune_steps))
                 if v is not None}
    cfg = replace(TrainConfig(seed=args.seed, device=args.device, threads=args.threads), **overrides)
    torch.set_num_threads(cfg.threads)
    args.work.mkdir(parents=True, exist_ok=True)
    codec = fit_codec(cfg, args.work)
    if args.stage == "codec":
        return
    if args.stage == "refine":
        train_refiner(cfg, args.work, codec)
        return
    data = build_data(cfg, args.work, codec)
    if args.stage == "data":
        return
    # --stage export ships the latest checkpoint as is (e.g. a run stopped early) without training further.
    if args.finetune_from is not None:
        from diffusers import WanTransformer3DModel

        model, history = WanTransformer3DModel.from_pretrained(args.finetune_from), []
    else:
        model, history = train_dit(cfg, args.work, data, train=args.stage != "export")
    if args.stage == "dit":
        return
    finetune_history = []
    if cfg.finetune_steps > 0:
        wide = build_wide_text(cfg, args.work, training_scenes(cfg))
        model, finetune_history = finetune_dit(cfg, args.work, data, wide, model, train=args.stage != "export")
    if args.stage == "finetune":
        return
    if args.stage == "all":
        codec = train_refiner(cfg, args.work, codec)
    else:  # export: the finished refiner, else its latest partial save, else plain PCA decoding
        for name in ("codec_refined", "codec_refined_partial"):
            if (args.work / name / "model.safetensors").exists():
                codec = EmbeddedFrameCodec.from_pretrained(args.work / name)
                log.info("exporting codec from %s", name)
                break
    export(cfg, args.out, model.cpu().eval(), codec.cpu().eval(), history, data, finetune_history)


if __name__ == "__main__":
    main()
