"""Benchmark: our sampler vs diffusers' stock WanPipeline on identical components and settings, in one run.

CPU (default): a small random-weight Wan2.1-style checkpoint; prints seconds per video for both, the time ratio
(target: ours <= 1.0x), the max pixel difference between the two outputs, and the speed-up and PSNR of a
FirstBlockCache run against the uncached run.
`--gpu`: the real Wan2.1-1.3B transformer and VAE configs with random weights, transformer in fp16, VAE in fp32 with
tiling, 480x832, 81 frames, 30 steps: prints seconds per video and peak GPU memory.

    python bench/sampler.py [--frames 17] [--size 128x128] [--steps 10] [--repeats 3] [--gpu]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sora_space.config import PROFILES  # noqa: E402
from sora_space.engine import VideoEngine  # noqa: E402
from sora_space.loading import enable_transformer_cache, load_components  # noqa: E402
from sora_space.tool_eval import psnr  # noqa: E402


def timed(fn, repeats: int):
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def cpu_bench(args) -> None:
    from diffusers import WanPipeline

    from sora_space.devtools import build_wan_checkpoint

    torch.set_num_threads(args.threads)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        ckpt = build_wan_checkpoint(Path(tmp) / "wan", "small")
        profile = replace(PROFILES["wan2.1-1.3b"], source=str(ckpt), cache=None, negative_prompt="")
        engine = VideoEngine(load_components(profile, torch.device("cpu")))
        pipe = WanPipeline.from_pretrained(ckpt)
        pipe.set_progress_bar_config(disable=True)
        settings = dict(prompt="a red fox running through fresh snow at dawn", negative_prompt="blurry, low quality",
                        frames=args.frames, height=height, width=width, steps=args.steps, guidance=5.0)
        params = engine.params(seed=42, **settings)

        def ours():
            video, _ = engine.sample_video(params)
            return ((video[0].permute(1, 2, 3, 0) + 1) / 2).clamp(0, 1).numpy()

        def stock():
            return pipe(prompt=settings["prompt"], negative_prompt=settings["negative_prompt"], height=height,
                        width=width, num_frames=args.frames, num_inference_steps=args.steps, guidance_scale=5.0,
                        generator=torch.Generator("cpu").manual_seed(42), output_type="np").frames[0]

        ours(), stock()  # warm-up (allocator, kernels)
        # Interleave the two so background load affects both alike.
        t_ours, t_stock = [], []
        for _ in range(args.repeats):
            t, a = timed(ours, 1)
            t_ours.append(t)
            t, b = timed(stock, 1)
            t_stock.append(t)
        best_ours, best_stock = min(t_ours), min(t_stock)
        print(f"setting: {width}x{height}, {args.frames} frames, {args.steps} steps, CFG 5.0, "
              f"{torch.get_num_threads()} threads, small random Wan2.1-style checkpoint")
        print(f"ours:            {best_ours:.3f} s/video (min of {args.repeats})")
        print(f"diffusers stock: {best_stock:.3f} s/video (min of {args.repeats})")
        print(f"time ratio ours/stock: {best_ours / best_stock:.3f}x (target <= 1.0x)")
        print(f"max |ours - stock| pixel difference: {np.abs(a - b).max():.2e}")

        for threshold in args.cache_thresholds:
            enable_transformer_cache(engine.components.transformer, {"kind": "first_block", "threshold": threshold})
            engine.profile = replace(engine.profile, cache={"kind": "first_block", "threshold": threshold})
            t_cached, c = timed(ours, args.repeats)
            engine.components.transformer.disable_cache()
            engine.profile = replace(engine.profile, cache=None)
            print(f"FirstBlockCache threshold {threshold}: {t_cached:.3f} s/video, speed-up {best_ours / t_cached:.2f}x, "
                  f"PSNR cached vs uncached {psnr(a, c, peak=1.0):.1f} dB")


def gpu_bench(args) -> None:
    if not torch.cuda.is_available():
        print("--gpu: no CUDA device here; run this on a GPU machine.")
        raise SystemExit(2)
    from diffusers import AutoencoderKLWan, FlowMatchEulerDiscreteScheduler, WanTransformer3DModel

    from sora_space.codecs import WanVAECodec
    from sora_space.devtools import WAN_1_3B_TRANSFORMER, WAN_VAE
    from sora_space.loading import Components

    device = torch.device("cuda")
    with torch.device("cuda"):
        transformer = WanTransformer3DModel(**WAN_1_3B_TRANSFORMER).to(torch.float16)
        vae = AutoencoderKLWan(**WAN_VAE).to(torch.float32)
    for name in WanTransformer3DModel._keep_in_fp32_modules:  # as from_pretrained(torch_dtype=fp16) would
        for module_name, module in transformer.named_modules():
            if module_name.split(".")[-1] == name:
                module.float()

    class RandomText:
        def encode(self, prompts):
            g = torch.Generator().manual_seed(len(prompts[0]))
            return torch.randn(len(prompts), 512, 4096, generator=g).to(device, torch.float16)

    profile = replace(PROFILES["wan2.1-1.3b"], cache=None)
    comps = Components(profile, transformer.eval(), WanVAECodec(vae, tiling=True).eval(), RandomText(),
                       FlowMatchEulerDiscreteScheduler(shift=3.0), device, torch.float16)
    engine = VideoEngine(comps)
    params = engine.params(prompt="a cat", seed=0, frames=81, width=832, height=480, steps=args.gpu_steps,
                           guidance=5.0)
    engine.sample_video(engine.params(prompt="a cat", seed=0, frames=5, width=832, height=480, steps=2,
                                      guidance=5.0))  # warm-up
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    timings = {}
    t0 = time.perf_counter()
    video, dtype = engine.sample_video(params, timings=timings)
    torch.cuda.synchronize()
    total = time.perf_counter() - t0
    print(f"GPU {torch.cuda.get_device_name()}: Wan2.1-1.3B random weights, 832x480, 81 frames, "
          f"{args.gpu_steps} steps, CFG batched, transformer {dtype}")
    print(f"seconds per video: {total:.1f} (sample {timings['sample_s']:.1f}, decode {timings['decode_s']:.1f})")
    print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.2f} GiB; "
          f"finite output: {bool(torch.isfinite(video).all())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", default="128x128")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache-thresholds", type=float, nargs="*", default=[0.05, 0.2])
    parser.add_argument("--gpu", action="store_true")
    parser.add_argument("--gpu-steps", type=int, default=30)
    args = parser.parse_args()
    gpu_bench(args) if args.gpu else cpu_bench(args)


if __name__ == "__main__":
    main()
