"""How well the pixel analyzer names shapes, i.e. how far bench/adherence.py's shape accuracy can be trusted.

Run: `.venv/bin/python bench/analyzer_check.py [--n 200] [--skip-eye]`
Prints, side by side for the shipped analyzer and the earlier compactness rule (circle > 0.8 > square > 0.52):
- shape accuracy on rendered ground-truth clips (single-object training scenes plus held-out ones);
- the same after the shipped codec's encode/decode round trip (what a perfect model's output would look like);
- agreement with shapes named by eye on 80 generated clips (`bench/shape_eye_labels.json` says how they were made
  and labelled), and how often the eye saw the prompt's shape. The clips are regenerated from their seeds.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sora_space.embedded import analyzer  # noqa: E402
from sora_space.embedded.captions import canonical_caption  # noqa: E402
from sora_space.embedded.codec import EmbeddedFrameCodec  # noqa: E402
from sora_space.embedded.dataset import heldout_scenes, render_clips, sample_training_scene  # noqa: E402
from sora_space.engine import video_to_uint8  # noqa: E402

ASSETS = ROOT / "assets" / "embedded"


def compactness_rule(mask: np.ndarray) -> str:
    """The analyzer's shape rule before 2026-11-22, kept here only for comparison."""
    f = analyzer.shape_features(mask)
    if f["hole_ratio"] > 0.1:
        return "ring"
    if f["solidity"] < 0.78:
        return "star"
    filled = analyzer.ndimage.binary_fill_holes(mask)
    ys, xs = np.nonzero(filled)
    r_max = float(np.hypot(xs - xs.mean(), ys - ys.mean()).max()) + 0.5
    compactness = f["area"] / (np.pi * r_max ** 2)
    return "circle" if compactness > 0.8 else "square" if compactness > 0.52 else "triangle"


RULES = {"shipped": analyzer.classify_shape, "compactness (old)": compactness_rule}


def shape_of(frames: np.ndarray, rule) -> str:
    """The largest object's shape by majority over frames, voted as analyze() votes."""
    masks = [c[0] for c in (analyzer.object_components(f)[:1] for f in frames) if c]
    return analyzer.majority_shape(masks, rule) if masks else "none"


def ground_truth(n: int) -> None:
    codec = EmbeddedFrameCodec.from_pretrained(ASSETS / "codec")
    rng = np.random.default_rng(7)
    singles = [s for s in (sample_training_scene(rng) for _ in range(3 * n)) if len(s.objects) == 1]
    scenes = singles[: n - n // 4] + heldout_scenes(np.random.default_rng(9), n // 4)
    hits = {(src, name): 0 for src in ("rendered", "codec round trip") for name in RULES}
    for scene in scenes:
        video = torch.from_numpy(render_clips([scene]))
        with torch.no_grad():
            clips = {"rendered": video_to_uint8(video),
                     "codec round trip": video_to_uint8(codec.decode(codec.encode(video)))}
        for (src, name) in hits:
            hits[(src, name)] += shape_of(clips[src], RULES[name]) == scene.objects[0].shape
    for (src, name), k in hits.items():
        print(f"{src:18s} {name:18s} {k / len(scenes):6.1%}  ({k}/{len(scenes)})")


def eye_agreement() -> None:
    from diffusers import WanTransformer3DModel

    from sora_space.embedded.dataset import text_encoder
    from sora_space.embedded.train import sample

    spec = json.loads((ROOT / "bench" / "shape_eye_labels.json").read_text())
    profile = json.loads((ASSETS / "profile.json").read_text())
    model = WanTransformer3DModel.from_pretrained(ASSETS / "transformer").eval()
    codec = EmbeddedFrameCodec.from_pretrained(ASSETS / "codec")
    enc = text_encoder()
    uncond = enc.encode([""])
    shift = json.loads((ASSETS / "scheduler" / "scheduler_config.json").read_text())["shift"]
    scenes = heldout_scenes(np.random.default_rng(0), 80)
    for part in spec["sets"]:
        rows = []
        for i, eye in enumerate(part["labels"]):
            scene = scenes[part["first_scene"] + i]
            frames = sample(model, codec, enc.encode([canonical_caption(scene)]), uncond,
                            seed=part["seed_base"] + i, steps=profile["steps"], guidance=profile["guidance"],
                            shift=shift, position_scale=profile["position_scale"])[0]
            rows.append((eye, scene.objects[0].shape, {name: shape_of(frames, r) for name, r in RULES.items()}))
        clear = [r for r in rows if r[0] != "unclear"]
        print(f"{part['name']}: {len(clear)}/{len(rows)} clips named by eye; the eye saw the prompt's shape in "
              f"{sum(e == t for e, t, _ in clear)}/{len(clear)} of them")
        for name in RULES:
            agree = sum(got[name] == e for e, _, got in clear)
            right = sum(got[name] == t for _, t, got in rows)
            print(f"  {name:18s} agrees with the eye {agree}/{len(clear)}; matches the prompt {right}/{len(rows)}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="ground-truth scenes")
    parser.add_argument("--skip-eye", action="store_true", help="skip regenerating the 80 eye-labelled clips")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    ground_truth(args.n)
    if not args.skip_eye:
        eye_agreement()


if __name__ == "__main__":
    main()
