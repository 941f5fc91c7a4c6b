"""Benchmark: what each creative tool does on the embedded model (figures for the tools issue).

Prints, over several seeds: Remix PSNR and object-track error to the input and analyzer verdicts against strength,
with Remix's stochastic sampler and the deterministic one side by side; Loop seam vs the median
adjacent-frame difference and its largest step on repeat vs the plain clip's; Blend head/tail verdicts and largest
frame jump vs the inputs'; Storyboard verdicts per part; Extend kept-frame error and seam vs the clip's adjacent-frame
range. Bridge is also run with its held frames
only (no pull toward the dissolve, `soft_hold` = 0) side by side.

    python bench/tools.py [--seeds 3] [--first-seed 0] [--tools remix,loop,blend,storyboard,extend]
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


TOOLS = ("remix", "loop", "blend", "storyboard", "extend")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)}")
    parser.add_argument("--first-seed", type=int, default=0, help="seeds first..first+seeds-1 (unseen ones: 16 on)")
    args = parser.parse_args()
    tools = [t.strip() for t in args.tools.split(",")]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"--tools: unknown {unknown}; choose from {','.join(TOOLS)}")

    from sora_space.config import Settings
    from sora_space.loading import load_engine
    from sora_space.tool_eval import measure_blend, measure_extend, measure_loop, measure_remix, measure_storyboard
    from sora_space.tools import REMIX_STOCHASTICITY

    engine = load_engine("embedded", Settings(device="cpu"))
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    print(f"model: {engine.profile.label}; seeds {seeds[0]}..{seeds[-1]}")

    if "remix" in tools:
        print("\n== Remix: 'a red circle moving right' -> 'a blue circle moving right' (Remix's stochastic sampler, "
              f"eta {REMIX_STOCHASTICITY}, against the deterministic one, eta 0, side by side)")
        print("track error = mean distance in pixels between the object's centroids in the remix and the input "
              f"(frames are {engine.profile.default_size.width} px wide)")
        for label, eta in (("remix sampler", None), ("deterministic", 0.0)):
            rows: dict = {}
            for seed in seeds:
                for strength, r in measure_remix(engine, seed, stochasticity=eta)["by_strength"].items():
                    rows.setdefault(strength, []).append(r)
            print(f"-- {label}")
            for strength, rs in rows.items():
                blue_right = sum(r["colour"] == "blue" and r["motion"] == "right" for r in rs)
                errors = [r["track_error"] for r in rs if not math.isnan(r["track_error"])]
                error = f"{statistics.mean(errors):5.2f} px" if errors else "  n/a"
                mean_psnr = statistics.mean(r["psnr_to_input"] for r in rs)
                print(f"strength {strength:.1f}: PSNR to input {mean_psnr:6.2f} dB; "
                      f"track error {error}; blue & moving right {blue_right}/{len(rs)}; "
                      f"verdicts {[(r['colour'], r['motion']) for r in rs]}")

    if "loop" in tools:
        print("\n== Loop (seam = |last - first| after the engine cuts the cycle at its smallest step; on repeat, the "
              "largest step anywhere, wrap included, against the plain clip of the same prompt and seed)")
        ratios = []
        for seed in seeds:
            r = measure_loop(engine, seed)
            ratios.append(r["max_cyclic_step"] / r["max_cyclic_step_without_loop"])
            print(f"seed {seed}: seam {r['seam']:.2f} vs median adjacent {r['median_adjacent']:.2f} "
                  f"({'OK' if r['seam'] <= r['median_adjacent'] else 'above'}); largest step on repeat "
                  f"{r['max_cyclic_step']:.2f} vs {r['max_cyclic_step_without_loop']:.2f} without loop (whose seam is "
                  f"{r['seam_without_loop']:.2f})")
        print(f"largest step on repeat, loop / plain: {min(ratios):.2f}-{max(ratios):.2f}")

    if "blend" in tools:
        for mode in ("crossfade", "bridge"):
            print(f"\n== Blend ({mode}): A = red circle moving right, B = blue square moving left")
            for seed in seeds:
                r = measure_blend(engine, seed, mode)
                line = (f"seed {seed}: head {r['head']['colour']}/{r['head']['shape']}, tail {r['tail']['colour']}/"
                        f"{r['tail']['shape']}; largest jump {r['max_jump']:.2f} vs inputs' {r['max_jump_inputs']:.2f}")
                if mode == "bridge":  # the same bridge with the held frames only (no pull toward the dissolve)
                    hard = measure_blend(engine, seed, mode, soft_hold=0.0)
                    line += f" (held frames only: {hard['max_jump']:.2f})"
                print(line)

    if "storyboard" in tools:
        print("\n== Storyboard: 'a red circle' then 'a blue square'")
        for seed in seeds:
            r = measure_storyboard(engine, seed)
            print(f"seed {seed}: first part {r['first_part']['colour']}/{r['first_part']['shape']}, last part "
                  f"{r['last_part']['colour']}/{r['last_part']['shape']}")

    if "extend" in tools:
        print("\n== Extend: keep the first half, generate the rest")
        for seed in seeds:
            r = measure_extend(engine, seed)
            lo, hi = r["adjacent_range"]
            print(f"seed {seed}: kept frames error {r['kept_mean_abs_error']:.2f} (codec) + "
                  f"{r['kept_vs_original_error']:.2f} (upload MP4); seam {r['seam']:.2f} vs adjacent range "
                  f"[{lo:.2f}, {hi:.2f}]; extended clip {r['extended']['colour']}/{r['extended']['motion']}")


if __name__ == "__main__":
    main()
