"""Retrain the prompt classifier (layer 3) from `safety/data/prompts_train.tsv` and write its weights file.

Run: `python -m safety.train_classifier [--seed 0] [--hidden 0] [--out safety/data/prompt_classifier.npz]`.
Contract: deterministic for a given seed and data (numpy RNG, fixed fold assignment, single-threaded torch). Texts are
normalised exactly as at inference (`normalize(...).canonical` with the rules' lexicon); each training prompt is also
added once in an obfuscated-then-normalised form so the classifier sees what imperfect normalisation leaves behind.
The decision threshold is calibrated on out-of-fold predictions of the TRAIN set only (k-fold): the lowest threshold
whose out-of-fold false-positive rate on benign prompts is at most `--target-fpr`. The dev set is never used here;
`bench/moderation.py` reports on it.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import time
from pathlib import Path

import numpy as np

from safety.normalize import OBFUSCATION_KINDS, normalize, obfuscate
from safety.prompt_classifier import DEFAULT_WEIGHTS, TRAIN_SET, PromptClassifier, label_matrix, read_prompt_set
from safety.rules import rule_lexicon
from safety.types import CATEGORIES

log = logging.getLogger("safety.train_classifier")


def canonical_texts(texts: list[str]) -> list[str]:
    lexicon = rule_lexicon()
    return [normalize(t, lexicon).canonical for t in texts]


def augmented(texts: list[str], seed: int) -> list[str]:
    """One obfuscated copy per prompt, kind chosen by a seeded RNG, then normalised like real input."""
    rng = np.random.default_rng(seed + 1)
    kinds = rng.choice(OBFUSCATION_KINDS, size=len(texts))
    return canonical_texts([obfuscate(t, str(k), seed) for t, k in zip(texts, kinds)])


def calibrate_threshold(scores: np.ndarray, unsafe: np.ndarray, target_fpr: float) -> float:
    """Lowest threshold on max-category score with benign false-positive rate <= target_fpr."""
    benign = np.sort(scores[~unsafe])[::-1]
    allowed_fp = int(np.floor(target_fpr * len(benign)))
    # Threshold just above the (allowed_fp+1)-th highest benign score.
    cut = benign[allowed_fp] if allowed_fp < len(benign) else 0.0
    return float(min(0.99, max(0.05, np.nextafter(cut, 1.0))))


def train(seed: int = 0, hidden: int = 128, folds: int = 5, target_fpr: float = 0.01, train_path: Path = TRAIN_SET,
          out: Path = DEFAULT_WEIGHTS, epochs: int = 300, l2: float = 1e-3, lr: float = 0.01) -> PromptClassifier:
    import torch

    from safety.minilm import get_encoder

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # determinism, and the training box is shared
    started = time.perf_counter()
    prompts = read_prompt_set(train_path)
    categories = tuple(CATEGORIES)
    texts = [p.text for p in prompts]
    encoder = get_encoder()
    x_plain = encoder.encode(canonical_texts(texts))
    x_aug = encoder.encode(augmented(texts, seed))
    y = label_matrix(prompts, categories)
    unsafe = np.array([p.unsafe for p in prompts])
    log.info("embedded %d prompts (+%d augmented) in %.1fs", len(texts), len(texts), time.perf_counter() - started)

    # Out-of-fold scores for threshold calibration: each prompt (and its augmented twin) is held out together.
    fold_of = np.random.default_rng(seed).permutation(len(prompts)) % folds
    oof = np.zeros(len(prompts))
    for k in range(folds):
        tr, te = fold_of != k, fold_of == k
        model = PromptClassifier.fit(np.vstack([x_plain[tr], x_aug[tr]]), np.vstack([y[tr], y[tr]]), categories,
                                     hidden=hidden, seed=seed, epochs=epochs, l2=l2, lr=lr)
        oof[te] = model.predict_proba(x_plain[te]).max(1)
    threshold = calibrate_threshold(oof, unsafe, target_fpr)
    cv_recall = float((oof[unsafe] >= threshold).mean())
    cv_fpr = float((oof[~unsafe] >= threshold).mean())

    final = PromptClassifier.fit(np.vstack([x_plain, x_aug]), np.vstack([y, y]), categories, hidden=hidden,
                                 seed=seed, epochs=epochs, l2=l2, lr=lr)
    final.threshold = threshold
    final.meta = {
        "seed": seed, "hidden": hidden, "epochs": epochs, "l2": l2, "lr": lr, "folds": folds, "target_fpr": target_fpr,
        "n_train": len(prompts), "n_unsafe": int(unsafe.sum()), "cv_recall": round(cv_recall, 4),
        "cv_fpr": round(cv_fpr, 4), "train_sha256": hashlib.sha256(Path(train_path).read_bytes()).hexdigest(),
    }
    final.save(out)
    print(f"trained on {len(prompts)} prompts ({int(unsafe.sum())} unsafe), hidden={hidden}, seed={seed}")
    print(f"{folds}-fold out-of-fold (classifier alone): recall={cv_recall:.3f} fpr={cv_fpr:.3f} "
          f"at threshold={threshold:.3f}")
    print(f"wrote {out} in {time.perf_counter() - started:.1f}s")
    return final


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hidden", type=int, default=128, help="0: logistic regression; >0: one hidden layer MLP")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--target-fpr", type=float, default=0.01)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--train", type=Path, default=TRAIN_SET)
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    train(seed=args.seed, hidden=args.hidden, folds=args.folds, target_fpr=args.target_fpr, train_path=args.train,
          out=args.out, epochs=args.epochs, l2=args.l2, lr=args.lr)


if __name__ == "__main__":
    main()
