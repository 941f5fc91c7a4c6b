"""Zero-shot frame scoring with an `open_clip` model: one score per moderation category for every frame.

Contract:
- `ClipFrameDetector(...)` is cheap; `load()` builds the model once with
  `open_clip.create_model_and_transforms(model_name, pretrained=...)` (a pretrained tag such as
  "laion2b_s34b_b79k", a local checkpoint file, or `model_name="hf-hub:org/repo"`), encodes the category and
  benign text prompts once, and raises `SafetyLoadError` when the model or its weights cannot be loaded.
  Random weights are refused unless `allow_untrained=True` (tests only: an untrained model scores noise).
- `score_frames(frames)` takes uint8 RGB `(N, H, W, 3)` and returns one `{category: score}` dict per frame.
  Score = softmax over [all category prompts + benign prompts] of the scaled cosine similarities, summed over the
  category's prompts; so scores lie in [0, 1] and a frame that matches a benign prompt scores low everywhere.
  Thresholds are applied by the caller (`safety.frames.FrameModerator`) from its config.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

import numpy as np

from safety.errors import SafetyLoadError

log = logging.getLogger(__name__)

# Zero-shot prompts per category. Several phrasings per category; their probabilities are summed.
CATEGORY_PROMPTS: dict[str, tuple[str, ...]] = {
    "sexual": ("a photo of a naked person", "explicit pornographic sexual content", "a nude body with exposed genitals"),
    "minors": ("a sexualized image of a child", "a naked child"),
    "violence": ("graphic violence with blood and gore", "a mutilated dead body", "a person being brutally killed"),
    "self_harm": ("a person cutting their wrists, self-harm", "a person attempting suicide by hanging"),
    "hate": ("a nazi swastika hate symbol", "racist hate propaganda"),
    "extremism": ("a terrorist propaganda video with an extremist flag", "armed militants executing a hostage"),
    "real_people": ("a photo of a famous celebrity", "a photo of a well-known politician giving a speech"),
    "weapons_illegal": ("a person pointing a gun at the camera", "illegal drugs, cocaine and syringes"),
}

# Everyday content that should absorb the probability mass of ordinary frames.
BENIGN_PROMPTS: tuple[str, ...] = (
    "a photo", "a landscape with sky and trees", "a city street", "an animal", "a person in everyday clothes",
    "people talking", "food on a table", "abstract colorful shapes", "a cartoon illustration", "a video game scene",
    "a plain background", "text on a screen", "a car on a road", "the interior of a room", "the ocean and a beach",
    "a blurry image", "a dark image", "a bright gradient",
)

# Default per-category thresholds on the summed softmax score. Uncalibrated starting points: tune on real data.
DEFAULT_CLIP_THRESHOLDS: dict[str, float] = {
    "sexual": 0.5,
    "minors": 0.4,
    "violence": 0.5,
    "self_harm": 0.5,
    "hate": 0.5,
    "extremism": 0.5,
    "real_people": 0.8,     # CLIP cannot tell a public figure from anyone realistic; only a confident match counts
    "weapons_illegal": 0.6,
}


class ClipFrameDetector:
    """`FrameDetector` backed by an open_clip image/text model (zero-shot, per-category prompts)."""

    name = "clip"

    def __init__(self, model_name: str = "ViT-B-32", pretrained: str | None = "laion2b_s34b_b79k",
                 thresholds: Mapping[str, float] | None = None, *,
                 category_prompts: Mapping[str, tuple[str, ...]] | None = None,
                 benign_prompts: tuple[str, ...] = BENIGN_PROMPTS, device: str = "cpu", batch_size: int = 16,
                 allow_untrained: bool = False):
        self.model_name = model_name
        self.pretrained = pretrained
        self.thresholds = dict(DEFAULT_CLIP_THRESHOLDS if thresholds is None else thresholds)
        self.category_prompts = dict(CATEGORY_PROMPTS if category_prompts is None else category_prompts)
        unknown = set(self.thresholds) - set(self.category_prompts)
        if unknown:
            raise ValueError(f"thresholds for categories without prompts: {sorted(unknown)}")
        self.benign_prompts = tuple(benign_prompts)
        self.device = device
        self.batch_size = batch_size
        self.allow_untrained = allow_untrained
        self._model = None
        self._preprocess = None
        self._text_features = None       # (P, D) normalised, P = all category prompts + benign prompts
        self._prompt_owner: list[str | None] = []   # category id per prompt row, None for benign
        self._lock = threading.Lock()

    @property
    def has_weights(self) -> bool:
        return self.pretrained is not None or self.model_name.startswith(("hf-hub:", "local-dir:"))

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            if not self.has_weights and not self.allow_untrained:
                raise SafetyLoadError(f"no pretrained weights configured for CLIP model {self.model_name!r}")
            started = time.monotonic()
            try:
                import open_clip
                import torch

                model, _, preprocess = open_clip.create_model_and_transforms(
                    self.model_name, pretrained=self.pretrained, device=self.device,
                    require_pretrained=not self.allow_untrained)
                model.eval()
                tokenizer = open_clip.get_tokenizer(self.model_name)
                prompts, owners = [], []
                for category, texts in self.category_prompts.items():
                    prompts += list(texts)
                    owners += [category] * len(texts)
                prompts += list(self.benign_prompts)
                owners += [None] * len(self.benign_prompts)
                with torch.inference_mode():
                    text = model.encode_text(tokenizer(prompts).to(self.device)).float()
                    text = text / text.norm(dim=-1, keepdim=True)
                    self._logit_scale = float(model.logit_scale.exp().clamp(max=100.0))
            except SafetyLoadError:
                raise
            except Exception as exc:
                raise SafetyLoadError(
                    f"CLIP model {self.model_name!r} (weights {self.pretrained!r}) could not be loaded: {exc}") from exc
            self._model, self._preprocess, self._text_features, self._prompt_owner = model, preprocess, text, owners
            log.info("CLIP frame scorer %s/%s loaded in %.1f s (%d prompts)", self.model_name, self.pretrained,
                     time.monotonic() - started, len(prompts))

    def score_frames(self, frames: np.ndarray) -> list[dict[str, float]]:
        """Per-frame {category: score in [0, 1]} for uint8 RGB frames (N, H, W, 3)."""
        import torch
        from PIL import Image

        self.load()
        owners = self._prompt_owner
        columns = {c: [i for i, owner in enumerate(owners) if owner == c] for c in self.category_prompts}
        results: list[dict[str, float]] = []
        for start in range(0, len(frames), self.batch_size):
            batch = frames[start:start + self.batch_size]
            pixels = torch.stack([self._preprocess(Image.fromarray(frame)) for frame in batch]).to(self.device)
            with torch.inference_mode():
                image = self._model.encode_image(pixels).float()
                image = image / image.norm(dim=-1, keepdim=True)
                probs = (self._logit_scale * image @ self._text_features.T).softmax(dim=-1).cpu().numpy()
            for row in probs:
                results.append({c: float(row[idx].sum()) for c, idx in columns.items()})
        return results
