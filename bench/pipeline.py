"""Benchmark: prompt -> watermarked, verified MP4 through the app's full pipeline on the embedded model (CPU).

Builds the real component stack (prompt moderation, recaptioner, re-moderation, sampler, frame moderation,
watermark, H.264 encode, detector verification, provenance), warms it up once, then times N prompts and prints the
time split by stage and the total (target: <= 10 s per video on a 2-core CPU).

    python bench/pipeline.py [--runs 5] [--threads 2]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPTS = ["a red circle moving right", "a blue square moving left on a gray background",
           "a small yellow star spinning", "a green triangle moving up", "a purple ring bouncing"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import torch

    from sora_space.config import Settings
    from sora_space.pipeline import GenerateRequest, run_request
    from sora_space.stack import build_stages, safety_status

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(output_dir=Path(tmp) / "out", device="cpu")
        stages = build_stages(settings, "embedded")
        print("safety:", safety_status(stages))
        run_request(GenerateRequest(PROMPTS[0], seed=0), stages)  # warm-up: lazy loads happen here
        results = [run_request(GenerateRequest(PROMPTS[i % len(PROMPTS)], seed=i + 1), stages)
                   for i in range(args.runs)]
    profile = stages.engine.profile
    print(f"model: {profile.label}; {profile.frames} frames at {profile.default_size.width}x"
          f"{profile.default_size.height}, shown x{profile.display_scale}; {profile.steps} steps; "
          f"{torch.get_num_threads()} threads; {args.runs} runs after warm-up")
    stages_seen = [k for k in results[0].timings if k != "total_s"]
    print(f"{'stage':28s} {'mean s':>8s} {'max s':>8s}")
    for key in stages_seen:
        values = [r.timings.get(key, 0.0) for r in results]
        print(f"{key:28s} {statistics.mean(values):8.3f} {max(values):8.3f}")
    totals = [r.timings["total_s"] for r in results]
    print(f"{'TOTAL per video':28s} {statistics.mean(totals):8.3f} {max(totals):8.3f}   (target <= 10 s)")


if __name__ == "__main__":
    main()
