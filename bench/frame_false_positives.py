"""Benchmark: how often frame moderation's NudeNet check flags the embedded model's own (harmless) output.

The embedded model only ever saw the procedural shape world in training, yet NudeNet scores some of its frames as
exposed body parts (a pale triangle on a dark backdrop reads as "FEMALE_GENITALIA_EXPOSED"). Each such video is
withheld. This script measures that rate so the profile's threshold for *generated* frames is a measured choice:

- generates videos for two prompt sets, upscaled by the profile's display scale exactly as the app shows and checks
  them: `grid`, N prompts drawn from a seeded colour x shape x motion x backdrop grid; `app`, the UI's example prompts
  and the README's, rewritten by the recaptioner as the app does, each over `--app-seeds` seeds (what users click);
- scores the frames the app samples (`sample_frame_indices`) with the NudeNet detector the app uses;
- prints, per threshold, the share of videos that would be withheld (with a 95 % Wilson upper bound), the highest
  score, the labels and prompts behind the scores >= 0.3, and what the profile's configured threshold gives.

    python bench/frame_false_positives.py [--n 300] [--seed 0] [--app-seeds 30] [--guidance G] [--threads 2]
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
APP_PROMPTS = ("a red circle moving right", "a small blue star spinning",
               "a yellow square bouncing on a gradient background", "a green ring orbiting", "a purple star spinning",
               "a blue square moving left", "a crimson ball zooming rightwards across a night sky")


def wilson_upper(hits: int, n: int, z: float = 1.96) -> float:
    """95 % upper confidence bound of a rate seen as hits / n (Wilson score interval)."""
    if n == 0:
        return 1.0
    p = hits / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return min(1.0, (centre + spread) / (1 + z * z / n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--app-seeds", type=int, default=30)
    parser.add_argument("--guidance", type=float, default=None, help="CFG scale (default: the profile's)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import torch

    from sora_space.embedded.recaption import EmbeddedRecaptioner
    from sora_space.embedded.world import BACKGROUNDS, COLOURS, MOTIONS, SHAPES
    from sora_space.loading import load_engine

    torch.set_num_threads(args.threads)
    engine = load_engine("embedded")
    rng = random.Random(args.seed)
    grid = []
    for i in range(args.n):
        colour, shape, motion = rng.choice(list(COLOURS)), rng.choice(SHAPES), rng.choice(MOTIONS)
        prompt = f"{colour} {shape} {motion.replace('-', ' ')} on a {rng.choice(list(BACKGROUNDS))} background"
        grid.append((prompt, 50_000 + args.seed * 10_000 + i))
    recaptioner = EmbeddedRecaptioner()
    app = [(recaptioner.recaption(prompt, seed).text, seed)
           for prompt in APP_PROMPTS for seed in range(args.app_seeds)]
    from safety.frames import NudeNetDetector

    detector = NudeNetDetector()                                        # the app's detector, loaded once
    for name, jobs in (("grid", grid), ("app", app)):
        if jobs:
            report(engine, detector, name, jobs, args.guidance)


def report(engine, detector, name: str, jobs: list[tuple[str, int]], guidance: float | None) -> None:
    from safety.frames import NUDENET_SEXUAL_LABELS, sample_frame_indices
    from sora_space.video_io import upscale

    profile = engine.profile
    peaks, notable = [], []
    started = time.monotonic()
    for prompt, seed in jobs:
        raw = engine.generate(prompt=prompt, seed=seed, guidance=guidance)
        frames = upscale(raw.frames, profile.display_scale)                     # (T, H*s, W*s, 3) as shown
        sampled = frames[sample_frame_indices(len(frames), float(raw.fps))]
        per_row = detector.label_scores(sampled).max(axis=0)                   # (labels,) best over the frames
        peaks.append(float(per_row.max()))
        if peaks[-1] >= 0.3:
            notable.append((peaks[-1], NUDENET_SEXUAL_LABELS[int(per_row.argmax())], prompt, seed))
    n = len(jobs)
    configured = profile.generated_nudity_threshold
    print(f"\n== {name} prompts: {n} videos of {profile.frames} frames shown x{profile.display_scale}, CFG "
          f"{guidance or profile.guidance}; "
          f"{(time.monotonic() - started) / n:.2f} s a video")
    print(f"highest NudeNet exposed-part score: {max(peaks):.3f}; median {sorted(peaks)[n // 2]:.3f}")
    print(f"{'threshold':>10s} {'withheld':>9s} {'rate':>7s} {'95% upper':>10s}")
    for threshold in sorted(set(THRESHOLDS) | ({configured} if configured else set())):
        hits = sum(p >= threshold for p in peaks)
        mark = "  <- embedded profile (generated frames)" if threshold == configured else ""
        mark = mark or ("  <- uploads and other profiles" if threshold == 0.4 else "")
        print(f"{threshold:10.2f} {hits:9d} {hits / n:7.1%} {wilson_upper(hits, n):10.1%}{mark}")
    print("scores >= 0.3 (score, label, prompt, seed):")
    for row in sorted(notable, reverse=True)[:25]:
        print(f"  {row[0]:.3f} {row[1]:26s} {row[2]!r} seed {row[3]}")
    if len(notable) > 25:
        print(f"  ... and {len(notable) - 25} more")


if __name__ == "__main__":
    main()
