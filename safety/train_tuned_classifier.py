"""Fine-tune the top layers of MiniLM (layer 3b of prompt moderation) and write its weights file.

Run: `python -m safety.train_tuned_classifier [--seed 0] [--epochs 3] [--top-layers 2] [--target-fpr 0.01]
[--floor 0.5] [--threads 1] [--max-templated 0] [--recalibrate] [--out safety/data/prompt_encoder_tuned.safetensors]`.
Contract: deterministic for a given seed, data and thread count (seeded torch/numpy RNGs, fixed split).
Data: exactly what `safety/train_classifier.py` trains on, built with its own functions: the hand-written
`prompts_train.tsv`, the templated prompts (`expand_templates`), one obfuscated-then-normalised copy of every
hand-written prompt and of a seeded quarter of the templated ones (`augmented`), all normalised as at inference
(`canonical_texts`), labels with the same implications (`label_matrix`).
Split: a seeded 20% of the HAND-WRITTEN prompts (with their obfuscated copies) is held out from fine-tuning; templated
prompts always train. Training: the bottom layers are frozen, so their hidden states are computed once and cached;
the top `--top-layers` transformer layers (initialised from MiniLM) and a mean-pool -> linear head are trained with
AdamW on positive-weighted BCE (same weights as the numpy classifier), length-bucketed seeded mini-batches, linear
decay. Calibration: on the held-out split, `allocate_thresholds` picks per-category thresholds spending the benign
false-positive budget `--target-fpr` where the rules miss, never below `--floor` (~170 benign prompts cannot
vouch for a cut far below every benign score they contain); the held-out recall/FPR (alone and with the rules, plain
and obfuscated) is printed. The dev/test/holdout sets are never used here.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import logging
import time
from pathlib import Path

import numpy as np

from safety.minilm import mean_pool
from safety.prompt_classifier import TRAIN_SET, calibrated_flag_scores, label_matrix, read_prompt_set
from safety.train_classifier import (GLOBAL_THRESHOLD, TEMPLATES, allocate_thresholds, augmented, canonical_texts,
                                     expand_templates, rules_flagged)
from safety.tuned_classifier import (DEFAULT_TUNED_WEIGHTS, TunedPromptClassifier, bottom_forward, extended_mask,
                                     run_layers, save_tuned)
from safety.types import CATEGORIES

log = logging.getLogger("safety.train_tuned_classifier")


def cache_bottom(model, tokenizer, texts: list[str], n_bottom: int, max_tokens: int = 128, batch_size: int = 64):
    """Per text: the frozen bottom layers' hidden states over its real tokens (fp16 tensors, (L_i, H))."""
    import torch

    out = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_tokens,
                            return_tensors="pt")
            hidden, _ = bottom_forward(model, enc, n_bottom)
            for row, i in enumerate(idx):
                out[i] = hidden[row, : int(enc["attention_mask"][row].sum())].to(torch.float16).clone()
    return out


def batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Seeded mini-batches of similar length: shuffle, sort within chunks of 50 batches, shuffle the batches."""
    order = rng.permutation(len(lengths))
    chunk = batch_size * 50
    out = []
    for start in range(0, len(order), chunk):
        part = order[start:start + chunk]
        part = part[np.argsort(lengths[part], kind="stable")]
        out.extend(part[i:i + batch_size] for i in range(0, len(part), batch_size))
    return [out[i] for i in rng.permutation(len(out))]


def collate(states: list, idx: np.ndarray):
    import torch

    seqs = [states[i].float() for i in idx]
    hidden = torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True)
    mask = torch.zeros(hidden.shape[:2], dtype=torch.long)
    for row, s in enumerate(seqs):
        mask[row, : len(s)] = 1
    return hidden, mask


def train(seed: int = 0, epochs: int = 3, top_layers: int = 2, target_fpr: float = 0.01, holdout: float = 0.2,
          lr: float = 1e-4, head_lr: float = 2e-3, weight_decay: float = 0.01, batch_size: int = 32,
          pos_weight_cap: float = 8.0, floor: float = 0.5, max_templated: int = 0, threads: int = 1,
          train_path: Path = TRAIN_SET, templates: Path = TEMPLATES, out: Path = DEFAULT_TUNED_WEIGHTS) -> dict:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from safety.minilm import default_model_dir

    torch.manual_seed(seed)
    torch.set_num_threads(threads)  # the training box is shared; also keeps runs reproducible
    started = time.perf_counter()
    categories = tuple(CATEGORIES)
    hand = read_prompt_set(train_path)
    generated = expand_templates(templates, seed)
    if max_templated and len(generated) > max_templated:  # a CPU budget knob; the default keeps them all
        keep = np.sort(np.random.default_rng(seed + 3).permutation(len(generated))[:max_templated])
        generated = [generated[i] for i in keep]
    hand_texts, gen_texts = [p.text for p in hand], [p.text for p in generated]
    gen_aug_idx = np.random.default_rng(seed + 2).permutation(len(generated))[: len(generated) // 4]
    y_hand, y_gen = label_matrix(hand, categories), label_matrix(generated, categories)
    held = held_out_mask(len(hand), holdout, seed)

    canon_hand, aug_hand = canonical_texts(hand_texts), augmented(hand_texts, seed)
    train_texts = (canonical_texts(gen_texts) + augmented([gen_texts[i] for i in gen_aug_idx], seed)
                   + [t for t, h in zip(canon_hand, held) if not h] + [t for t, h in zip(aug_hand, held) if not h])
    y_train = np.vstack([y_gen, y_gen[gen_aug_idx], y_hand[~held], y_hand[~held]]).astype(np.float32)
    log.info("normalised %d training texts in %.1fs", len(train_texts), time.perf_counter() - started)

    model_dir = default_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    base = AutoModel.from_pretrained(str(model_dir)).eval()
    n_bottom = len(base.encoder.layer) - top_layers
    states = cache_bottom(base, tokenizer, train_texts, n_bottom)
    log.info("cached bottom %d layers for %d texts in %.1fs", n_bottom, len(states), time.perf_counter() - started)

    layers = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[n_bottom:])).train()
    head = torch.nn.Linear(base.config.hidden_size, len(categories))
    torch.nn.init.normal_(head.weight, std=0.02)
    torch.nn.init.zeros_(head.bias)
    positives = y_train.sum(0)
    pos_weight = torch.tensor(np.clip((len(y_train) - positives) / np.maximum(positives, 1.0), 1.0, pos_weight_cap),
                              dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    opt = torch.optim.AdamW([{"params": layers.parameters(), "lr": lr}, {"params": head.parameters(), "lr": head_lr}],
                            weight_decay=weight_decay)
    lengths = np.array([len(s) for s in states])
    rng = np.random.default_rng(seed + 13)
    plan = [batches(lengths, batch_size, rng) for _ in range(epochs)]
    total = sum(len(p) for p in plan)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: min(1.0, (step + 1) / 50) * (1 - step / total))
    targets = torch.from_numpy(y_train)
    for epoch, epoch_batches in enumerate(plan):
        running, t0 = 0.0, time.perf_counter()
        for idx in epoch_batches:
            hidden, mask = collate(states, idx)
            pooled = mean_pool(run_layers(layers, hidden, extended_mask(mask, hidden.dtype)), mask)
            loss = loss_fn(head(pooled), targets[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item() * len(idx)
        log.info("epoch %d/%d: loss %.4f (%.0fs)", epoch + 1, epochs, running / len(states), time.perf_counter() - t0)
    layers.eval()

    meta = {"seed": seed, "epochs": epochs, "top_layers": top_layers, "holdout": holdout, "lr": lr,
            "head_lr": head_lr, "batch_size": batch_size, "threads": threads, "n_train_texts": len(states),
            "n_hand": len(hand), "n_templated": len(generated),
            "train_sha256": hashlib.sha256(Path(train_path).read_bytes()).hexdigest(),
            "templates_sha256": hashlib.sha256(Path(templates).read_bytes()).hexdigest()}
    save_tuned(out, layers, head, categories, np.full(len(categories), 0.5), GLOBAL_THRESHOLD, meta)
    print(f"fine-tuned top {top_layers} layers on {len(states)} texts ({int((~held).sum())} hand-written + "
          f"{len(generated)} templated, with obfuscated copies), {epochs} epochs, seed={seed} "
          f"in {time.perf_counter() - started:.0f}s")
    return calibrate(out, target_fpr=target_fpr, floor=floor, train_path=train_path)


def held_out_mask(n: int, holdout: float, seed: int) -> np.ndarray:
    held = np.zeros(n, dtype=bool)
    held[np.random.default_rng(seed + 11).permutation(n)[: int(round(holdout * n))]] = True
    return held


def calibrate(path: Path, target_fpr: float = 0.01, floor: float = 0.5, train_path: Path = TRAIN_SET) -> dict:
    """(Re)calibrate a saved weights file on its held-out split and rewrite its thresholds and metadata.
    Scores come from the file through `TunedPromptClassifier` itself (fp16 weights, fp32 inference), exactly what
    moderation will see: thresholds sit just above benign scores, so any other numeric path would shift them."""
    from safetensors import safe_open
    from safetensors.torch import save_file

    model = TunedPromptClassifier(path)
    model.load()
    meta = dict(model.meta)
    categories = model.categories
    hand = read_prompt_set(train_path)
    held = held_out_mask(len(hand), meta["holdout"], meta["seed"])
    held_prompts = [p for p, h in zip(hand, held) if h]
    texts = [p.text for p in held_prompts]
    y_held = label_matrix(held_prompts, categories)
    probs = model.predict_proba(canonical_texts(texts))
    by_rules = rules_flagged(texts)
    per_category = allocate_thresholds(probs, y_held, target_fpr, already_flagged=by_rules, floor=floor)
    unsafe = y_held.any(1)
    report = {}
    for name, p in (("plain", probs), ("obfuscated", model.predict_proba(augmented(texts, meta["seed"])))):
        alone = (calibrated_flag_scores(p, per_category, GLOBAL_THRESHOLD) >= GLOBAL_THRESHOLD).any(1)
        system = alone | by_rules
        report[name] = {"recall": float(alone[unsafe].mean()), "fpr": float(alone[~unsafe].mean()),
                        "with_rules_recall": float(system[unsafe].mean()),
                        "with_rules_fpr": float(system[~unsafe].mean())}
    report["rules_only"] = {"recall": float(by_rules[unsafe].mean()), "fpr": float(by_rules[~unsafe].mean())}
    meta.update({"target_fpr": target_fpr, "floor": floor, "n_held_out": int(held.sum()),
                 "held_out": {k: {m: round(v, 4) for m, v in d.items()} for k, d in report.items()}})
    with safe_open(str(path), framework="pt") as fh:
        info, tensors = dict(fh.metadata()), {k: fh.get_tensor(k) for k in fh.keys()}
    info.update({"category_thresholds": json.dumps([round(float(t), 6) for t in per_category]),
                 "meta": json.dumps(meta, sort_keys=True)})
    save_file(tensors, str(path), metadata=info)
    print(f"held-out split: {int(held.sum())} hand-written prompts ({int(unsafe.sum())} unsafe), target fpr "
          f"{target_fpr}, floor {floor}; rules alone recall={report['rules_only']['recall']:.3f} "
          f"fpr={report['rules_only']['fpr']:.3f}")
    for name in ("plain", "obfuscated"):
        r = report[name]
        print(f"  {name:10s} tuned alone: recall={r['recall']:.3f} fpr={r['fpr']:.3f}; with rules: "
              f"recall={r['with_rules_recall']:.3f} fpr={r['with_rules_fpr']:.3f}")
    print("per-category thresholds: " + ", ".join(f"{c}={t:.3f}" for c, t in zip(categories, per_category)))
    print(f"wrote {path} ({Path(path).stat().st_size / 1e6:.1f} MB)")
    return meta


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--top-layers", type=int, default=2)
    parser.add_argument("--target-fpr", type=float, default=0.01,
                        help="benign false positives (of the held-out split) the layer may add on top of the rules")
    parser.add_argument("--floor", type=float, default=0.5,
                        help="no category threshold goes below this probability (the split is too small to trust "
                             "cut points found where no held-out benign prompt scores)")
    parser.add_argument("--recalibrate", action="store_true",
                        help="skip training: recalibrate the weights file at --out (new --target-fpr / --floor)")
    parser.add_argument("--holdout", type=float, default=0.2, help="share of hand-written prompts kept for calibration")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=2e-3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-templated", type=int, default=0, help="cap on templated prompts (0: all)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--train", type=Path, default=TRAIN_SET)
    parser.add_argument("--templates", type=Path, default=TEMPLATES)
    parser.add_argument("--out", type=Path, default=DEFAULT_TUNED_WEIGHTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.recalibrate:
        calibrate(args.out, target_fpr=args.target_fpr, floor=args.floor, train_path=args.train)
        return
    train(seed=args.seed, epochs=args.epochs, top_layers=args.top_layers, target_fpr=args.target_fpr,
          holdout=args.holdout, floor=args.floor, lr=args.lr, head_lr=args.head_lr, batch_size=args.batch_size,
          max_templated=args.max_templated, threads=args.threads, train_path=args.train, templates=args.templates,
          out=args.out)


if __name__ == "__main__":
    main()
