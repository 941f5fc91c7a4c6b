"""Benchmark prompt moderation on the dev set (safety/data/prompts_dev.tsv) or one of the blind sets.

Run: `.venv/bin/python bench/moderation.py [--set dev|holdout19|test|holdout|...|holdout18] [--threads N]
[--latency-prompts 200] [--show-errors]`
Prints, side by side for rules-only, rules+classifier and rules+classifier+tuned (the fine-tuned encoder layer;
no Hub model, CPU):
- recall on unsafe prompts and false-positive rate on benign prompts, overall, per category and per language;
- recall (and benign false positives) with each obfuscation kind applied to every word of the dev prompts;
- which layer decided the refusals, and with --show-errors the misses and false positives, for the shipped default;
- latency per prompt: single `moderate()` calls (mean / p50 / p95) and batched `moderate_many()`.
Targets from the issue: recall >= 0.97 with every obfuscation kind, false positives <= 2%, < 20 ms per prompt.
"""
from __future__ import annotations

import argparse
import collections
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safety.moderation import ModerationConfig, PromptModerator  # noqa: E402
from safety.normalize import OBFUSCATION_KINDS, STRESS_KINDS, obfuscate  # noqa: E402
from safety.prompt_classifier import DATA_DIR, DEV_SET, NEWEST_BLIND_SET, RETIRED_SETS, read_prompt_set  # noqa: E402
from safety.types import CATEGORIES  # noqa: E402


def rates(prompts, verdicts):
    unsafe = [not v.allowed for p, v in zip(prompts, verdicts) if p.unsafe]
    benign = [not v.allowed for p, v in zip(prompts, verdicts) if not p.unsafe]
    recall = sum(unsafe) / len(unsafe) if unsafe else float("nan")
    fpr = sum(benign) / len(benign) if benign else float("nan")
    return recall, fpr, len(unsafe), len(benign)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--latency-prompts", type=int, default=200)
    parser.add_argument("--show-errors", action="store_true", help="print missed/false-positive prompts")
    parser.add_argument("--latency-only", action="store_true", help="skip the quality tables")
    sets = ["dev"] + sorted((p.stem.removeprefix("prompts_") for p in DATA_DIR.glob("prompts_*.tsv")
                             if p.stem not in ("prompts_dev", "prompts_train")), key=lambda n: (len(n), n))
    newest = NEWEST_BLIND_SET.stem.removeprefix("prompts_")
    parser.add_argument("--set", default="dev", choices=sets,
                        help="dev: the development set (never trained on; the targets are on it); "
                             f"{newest}: the newest blind set, written by someone who saw no other "
                             "set, for a before/after score of each change (never trained on); the others "
                             "(test, holdout, holdout2...) were blind sets once, were scored, looked at and "
                             "are now retired into the classifier's training data, so their figures are not "
                             "held out")
    args = parser.parse_args()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    prompts = read_prompt_set(DEV_SET if args.set == "dev" else DATA_DIR / f"prompts_{args.set}.tsv")
    if args.set != "dev" and DATA_DIR / f"prompts_{args.set}.tsv" in RETIRED_SETS:
        print(f"NOTE: {args.set} is retired into the classifier's training data; its figures are not held out")
    n_unsafe = sum(p.unsafe for p in prompts)
    print(f"{args.set} set: {len(prompts)} prompts, {n_unsafe} unsafe, {len(prompts) - n_unsafe} benign; "
          f"torch threads={torch.get_num_threads()}")

    systems = {"rules": PromptModerator(ModerationConfig(use_classifier=False)),
               "rules+classifier": PromptModerator(ModerationConfig(use_tuned=False)),
               "rules+classifier+tuned": PromptModerator(ModerationConfig(use_tuned=True))}
    for m in systems.values():
        m.load()
    texts = [p.text for p in prompts]
    if not args.latency_only:
        quality(args, prompts, texts, systems)
    latency(args, texts, systems)


def quality(args, prompts, texts, systems) -> None:
    plain = {name: m.moderate_many(texts) for name, m in systems.items()}

    print(f"\n== clean {args.set} prompts ==")
    print(f"{'':28s}" + "".join(f"{name:>24s}" for name in systems))
    row = [f"recall {rates(prompts, v)[0]:.3f}  fpr {rates(prompts, v)[1]:.3f}" for v in plain.values()]
    print(f"{'overall':28s}" + "".join(f"{r:>24s}" for r in row))
    for cat in CATEGORIES:
        idx = [i for i, p in enumerate(prompts) if cat in p.labels]
        if not idx:  # e.g. holdout8 has no minors prompts
            continue
        cells = [f"{sum(not v[i].allowed for i in idx) / len(idx):.3f} (n={len(idx)})" for v in plain.values()]
        print(f"{'recall ' + cat:28s}" + "".join(f"{c:>24s}" for c in cells))
    for lang in sorted({p.lang for p in prompts}):
        sub = [i for i, p in enumerate(prompts) if p.lang == lang]
        cells = []
        for v in plain.values():
            r, f, _, _ = rates([prompts[i] for i in sub], [v[i] for i in sub])
            cells.append(f"rec {r:.3f} fpr {f:.3f}")
        print(f"{'lang ' + lang:28s}" + "".join(f"{c:>24s}" for c in cells))
    # Layer counts and errors are for the system the app ships (ModerationConfig's defaults), not the strongest one.
    shipped = "rules+classifier+tuned" if ModerationConfig().use_tuned else "rules+classifier"
    verdicts = plain[shipped]
    layers = collections.Counter(v.layer for v in verdicts if not v.allowed)
    right_cat = [any(c in v.categories for c in p.labels)
                 for p, v in zip(prompts, verdicts) if p.unsafe and not v.allowed]
    print(f"refusals by layer ({shipped}, as shipped): {dict(layers)}; "
          f"refused unsafe prompts naming a labelled category: {sum(right_cat) / max(1, len(right_cat)):.3f}")
    if args.show_errors:
        for p, v in zip(prompts, verdicts):
            if p.unsafe == v.allowed:
                print(f"  {'MISS' if p.unsafe else 'FP  '} [{','.join(p.labels) or 'benign'}] {p.text!r} "
                      f"-> {v.layer}:{','.join(v.categories)}")

    print(f"\n== obfuscated {args.set} prompts (each trick applied to every word) ==")
    print(f"{'kind':14s}" + "".join(f"{name + ' recall':>30s}{'fpr':>8s}" for name in systems))
    worst = {name: 1.0 for name in systems if name != "rules"}
    for kind in OBFUSCATION_KINDS + STRESS_KINDS:
        obf = [obfuscate(t, kind) for t in texts]
        cells = []
        for name, m in systems.items():
            r, f, _, _ = rates(prompts, m.moderate_many(obf))
            cells.append(f"{r:>30.3f}{f:>8.3f}")
            if name in worst and kind in OBFUSCATION_KINDS:
                worst[name] = min(worst[name], r)
        print(f"{kind:14s}" + "".join(cells))
    print(f"worst obfuscated recall over {', '.join(OBFUSCATION_KINDS)}: "
          + ", ".join(f"{name} {r:.3f}" for name, r in worst.items()))
    print("spacing_flat (stress): one space between letters AND between words, so word breaks must be guessed")



def latency(args, texts, systems) -> None:
    import os

    print(f"\n== latency per prompt (CPU, no Hub model; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores) ==")
    sample = random.Random(0).sample(texts, min(args.latency_prompts, len(texts)))  # unsafe and benign mixed
    for name, m in systems.items():
        times = []
        for t in sample:
            started = time.perf_counter()
            m.moderate(t)
            times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        m.moderate_many(sample)
        batched = (time.perf_counter() - started) * 1000 / len(sample)
        q = statistics.quantiles(times, n=20)
        print(f"{name:22s} single: mean {statistics.mean(times):6.2f} ms  p50 {statistics.median(times):6.2f} ms  "
              f"p95 {q[18]:6.2f} ms   batched moderate_many: {batched:6.2f} ms/prompt")


if __name__ == "__main__":
    main()
