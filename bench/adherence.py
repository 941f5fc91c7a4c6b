"""Prompt adherence of the embedded model on held-out captions, measured by the pixel analyzer.

Run: `.venv/bin/python bench/adherence.py [--n 45] [--seed 0] [--steps N] [--guidance G] [--assets DIR]`
Generates one video per held-out scene (colour/shape/motion combinations never rendered in training) for three
prompt sets, side by side in one run:
- canonical: the plain training-style caption of the unseen combination ("a green star moving down");
- heldout-raw: a phrasing from templates/verbs never used in training ("there is a lime star cruising down");
- heldout-recaptioned: the same phrasing passed through EmbeddedRecaptioner first (what the app does);
- fresh-raw: a phrasing from a second held-out pool (`fresh_caption`: verbs and framings in no training pool, not
  even the fine-tune's wider one), drawn from its own random stream so the other sets' prompts do not change.
Prints colour, shape and motion accuracy, direction accuracy on straight motions, the share of straight-motion clips
whose centroid path is monotone, and the mean seconds per video. Targets: colour >= 95%, direction >= 90%, shape >= 80%.
With `--assets` the clips come from the training script's minimal sampler on that directory instead of the app's
engine (for checkpoints not yet shipped).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sora_space.embedded.analyzer import analyze  # noqa: E402
from sora_space.embedded.captions import canonical_caption, fresh_caption, random_caption  # noqa: E402
from sora_space.embedded.dataset import heldout_scenes  # noqa: E402
from sora_space.embedded.recaption import EmbeddedRecaptioner  # noqa: E402
from sora_space.embedded.world import STRAIGHT_MOTIONS  # noqa: E402

SYMMETRIC = ("circle", "ring")  # spinning these is invisible: "still" is the right answer for the analyzer


def make_generator(assets: Path | None, steps: int | None, guidance: float | None):
    """prompt, seed -> uint8 (T, H, W, 3)."""
    if assets is None:
        from sora_space.loading import load_engine

        engine = load_engine("embedded")
        return lambda prompt, seed: engine.generate(prompt=prompt, seed=seed, steps=steps, guidance=guidance).frames
    import json

    import torch
    from diffusers import WanTransformer3DModel

    from sora_space.embedded.codec import EmbeddedFrameCodec
    from sora_space.embedded.dataset import text_encoder
    from sora_space.embedded.train import sample

    profile = json.loads((assets / "profile.json").read_text())
    scheduler_cfg = json.loads((assets / "scheduler" / "scheduler_config.json").read_text())
    model = WanTransformer3DModel.from_pretrained(assets / "transformer").eval()
    codec = EmbeddedFrameCodec.from_pretrained(assets / "codec")
    enc = text_encoder()
    uncond = enc.encode([""])

    def generate(prompt, seed):
        return sample(model, codec, enc.encode([prompt]), uncond, seed=seed, steps=steps or profile["steps"],
                      guidance=guidance or profile["guidance"], shift=scheduler_cfg["shift"],
                      frames=profile["frames"], size=profile["height"],
                      position_scale=profile.get("position_scale", 1.0))[0]
    return generate


def score(scene, frames) -> dict:
    obj = scene.objects[0]
    tracks = analyze(frames)
    if not tracks:
        return {"colour": 0, "shape": 0, "motion": 0, "direction": None, "monotone": None}
    tr = tracks[0]
    expected = "still" if obj.motion == "spin" and obj.shape in SYMMETRIC else obj.motion
    straight = obj.motion in STRAIGHT_MOTIONS
    return {"colour": tr.colour == obj.colour, "shape": tr.shape == obj.shape, "motion": tr.motion == expected,
            "direction": (tr.motion == obj.motion) if straight else None,
            "monotone": (tr.monotone and tr.motion == obj.motion) if straight else None}


def summarise(rows: list[dict]) -> dict:
    out = {}
    for key in ("colour", "shape", "motion", "direction", "monotone"):
        vals = [r[key] for r in rows if r[key] is not None]
        out[key] = float(np.mean(vals)) if vals else float("nan")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=45, help="held-out scenes per prompt set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int)
    parser.add_argument("--guidance", type=float)
    parser.add_argument("--assets", type=Path, help="evaluate this directory with the training sampler")
    parser.add_argument("--sets", default="canonical,heldout-raw,heldout-recaptioned,fresh-raw")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    scenes = heldout_scenes(rng, args.n)
    phrasings = [random_caption(s, rng, heldout=True) for s in scenes]
    recaptioner = EmbeddedRecaptioner()
    prompts = {"canonical": [canonical_caption(s) for s in scenes], "heldout-raw": phrasings,
               "heldout-recaptioned": [recaptioner.recaption(p, 0).text for p in phrasings]}
    fresh_rng = np.random.default_rng([args.seed, 1])
    prompts["fresh-raw"] = [fresh_caption(s, fresh_rng) for s in scenes]
    generate = make_generator(args.assets, args.steps, args.guidance)
    print(f"{'prompt set':22s} {'n':>4s} {'colour':>7s} {'shape':>7s} {'motion':>7s} {'direction':>9s} "
          f"{'monotone':>8s} {'s/video':>8s}")
    for name in args.sets.split(","):
        rows, started = [], time.perf_counter()
        for i, (scene, prompt) in enumerate(zip(scenes, prompts[name])):
            rows.append(score(scene, generate(prompt, args.seed + i)))
        per_video = (time.perf_counter() - started) / len(scenes)
        s = summarise(rows)
        print(f"{name:22s} {len(rows):4d} {s['colour']:7.1%} {s['shape']:7.1%} {s['motion']:7.1%} "
              f"{s['direction']:9.1%} {s['monotone']:8.1%} {per_video:8.2f}", flush=True)
    print("targets: colour >= 95%, direction (straight motions) >= 90%, shape >= 80%; monotone = straight-motion "
          "clips with the right direction and a centroid path that never reverses")


if __name__ == "__main__":
    main()
