"""Layer 3 of prompt moderation: a small learned classifier on MiniLM sentence embeddings.

Contract: `PromptClassifier` is a one-vs-rest model over `safety.types.CATEGORIES` (logistic regression, or a one
hidden layer MLP when `hidden > 0`), pure numpy at inference. `predict_proba(embeddings (N, 384)) -> (N, C)`
probabilities in [0, 1], columns in `self.categories` order. `save(path)` / `PromptClassifier.load(path)` use a small
`.npz` (weights, categories, calibrated threshold, training metadata); `load` raises `SafetyLoadError` on a missing or
malformed file. `fit(...)` trains deterministically from a seed (full-batch Adam, weighted BCE, L2).
`read_prompt_set(path)` reads the labelled TSV sets in `safety/data/` (columns labels, lang, text; labels is
`benign` or comma-separated category ids).
"""
from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from safety.errors import SafetyLoadError
from safety.types import CATEGORIES

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_WEIGHTS = DATA_DIR / "prompt_classifier.npz"
TRAIN_SET = DATA_DIR / "prompts_train.tsv"
DEV_SET = DATA_DIR / "prompts_dev.tsv"

# Labels that imply others when training: sexualised minors are also sexual content.
IMPLIED = {"minors": ("sexual",)}


@dataclass(frozen=True)
class LabelledPrompt:
    text: str
    labels: tuple[str, ...]   # empty for benign
    lang: str

    @property
    def unsafe(self) -> bool:
        return bool(self.labels)


def read_prompt_set(path: str | Path) -> list[LabelledPrompt]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            labels = () if row["labels"] == "benign" else tuple(row["labels"].split(","))
            unknown = [c for c in labels if c not in CATEGORIES]
            if unknown:
                raise ValueError(f"{path}: unknown categories {unknown}")
            rows.append(LabelledPrompt(row["text"], labels, row["lang"]))
    return rows


def label_matrix(prompts: list[LabelledPrompt], categories: tuple[str, ...]) -> np.ndarray:
    y = np.zeros((len(prompts), len(categories)), dtype=np.float32)
    index = {c: i for i, c in enumerate(categories)}
    for row, p in enumerate(prompts):
        for c in p.labels:
            y[row, index[c]] = 1.0
            for implied in IMPLIED.get(c, ()):
                y[row, index[implied]] = 1.0
    return y


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


class PromptClassifier:
    def __init__(self, params: dict[str, np.ndarray], categories: tuple[str, ...], threshold: float = 0.5,
                 meta: dict | None = None):
        self.params = params
        self.categories = tuple(categories)
        self.threshold = float(threshold)
        self.meta = meta or {}

    @property
    def hidden(self) -> int:
        return self.params["W1"].shape[1] if "W2" in self.params else 0

    def _logits(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        p = self.params
        if "W2" in p:
            h = np.maximum(x @ p["W1"] + p["b1"], 0.0)
            return h @ p["W2"] + p["b2"], h
        return x @ p["W1"] + p["b1"], None

    def predict_proba(self, embeddings: np.ndarray) -> np.ndarray:
        x = np.asarray(embeddings, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != self.params["W1"].shape[0]:
            raise ValueError(f"expected embeddings (N, {self.params['W1'].shape[0]}), got {x.shape}")
        return _sigmoid(self._logits(x)[0])

    # ---- training -------------------------------------------------------------------------------------------
    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, categories: tuple[str, ...], hidden: int = 0, seed: int = 0,
            epochs: int = 400, lr: float = 0.02, l2: float = 1e-3, pos_weight_cap: float = 8.0) -> "PromptClassifier":
        """Full-batch Adam on weighted binary cross-entropy; deterministic for a given seed and data."""
        rng = np.random.default_rng(seed)
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        d, c = x.shape[1], y.shape[1]
        if hidden > 0:
            params = {"W1": rng.normal(0, np.sqrt(2.0 / d), (d, hidden)), "b1": np.zeros(hidden),
                      "W2": rng.normal(0, np.sqrt(1.0 / hidden), (hidden, c)), "b2": np.zeros(c)}
        else:
            params = {"W1": rng.normal(0, 0.01, (d, c)), "b1": np.zeros(c)}
        positives = y.sum(0)
        pos_weight = np.clip((len(y) - positives) / np.maximum(positives, 1.0), 1.0, pos_weight_cap)
        weights = np.where(y > 0, pos_weight, 1.0)
        model = cls(params, categories)
        moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
        for step in range(1, epochs + 1):
            logits, h = model._logits(x)
            grad_logits = weights * (_sigmoid(logits) - y) / len(y)
            grads = {}
            if h is not None:
                grads["W2"] = h.T @ grad_logits + l2 * params["W2"]
                grads["b2"] = grad_logits.sum(0)
                grad_h = (grad_logits @ params["W2"].T) * (h > 0)
                grads["W1"] = x.T @ grad_h + l2 * params["W1"]
                grads["b1"] = grad_h.sum(0)
            else:
                grads["W1"] = x.T @ grad_logits + l2 * params["W1"]
                grads["b1"] = grad_logits.sum(0)
            for k, g in grads.items():  # Adam
                m, v = moments[k]
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                params[k] -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        model.params = {k: v.astype(np.float32) for k, v in params.items()}
        return model

    # ---- persistence ----------------------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, categories=np.array(self.categories), threshold=np.array(self.threshold),
                            meta=np.array(json.dumps(self.meta, sort_keys=True)), **self.params)
        return path

    @classmethod
    def load(cls, path: str | Path = DEFAULT_WEIGHTS) -> "PromptClassifier":
        try:
            with np.load(path, allow_pickle=False) as data:
                params = {k: data[k].astype(np.float32) for k in ("W1", "b1", "W2", "b2") if k in data}
                categories = tuple(str(c) for c in data["categories"])
                threshold = float(data["threshold"])
                meta = json.loads(str(data["meta"])) if "meta" in data else {}
        except Exception as exc:
            raise SafetyLoadError(
                f"prompt classifier weights unreadable at {path}: {type(exc).__name__}: {exc}") from exc
        if "W1" not in params or params["W1"].shape[1 if "W2" not in params else 0] == 0:
            raise SafetyLoadError(f"prompt classifier weights at {path} are malformed")
        out_dim = (params["W2"] if "W2" in params else params["W1"]).shape[1]
        if out_dim != len(categories) or any(c not in CATEGORIES for c in categories):
            raise SafetyLoadError(f"prompt classifier at {path} does not match the known categories")
        return cls(params, categories, threshold, meta)
