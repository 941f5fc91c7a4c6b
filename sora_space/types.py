"""Small result types passed between pipeline stages.

Contract: frozen dataclasses with no heavy imports, so fakes in tests and real components share them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Recaption:
    """What a recaptioner returns: the prompt the model will see and how it was obtained."""

    text: str          # the final prompt handed to the text encoder
    enhanced: bool     # False when the user's prompt was passed through (enhancement off, fallback, or no-op)
    note: str = ""     # shown to the user, e.g. "prompt enhancer timed out; using your prompt as written"


@dataclass(frozen=True)
class SamplingPlan:
    """Tool inputs for one sampling run. Frame arrays are (F, H, W, 3) uint8 at the model's size and frame count."""

    init_frames: np.ndarray | None = None      # Remix / Blend: SDEdit source
    init_frames_b: np.ndarray | None = None    # Blend: second source, cross-faded in latent space by prompt_weights
    strength: float = 1.0                      # how much of the schedule runs on init_frames (1 = all)
    stochasticity: float = 0.0                 # Remix: share of fresh noise per step (0 = deterministic ODE)
    known_frames: np.ndarray | None = None     # Extend / Bridge: frames to hold fixed ...
    known: np.ndarray | None = None            # ... (F,) bool, True where a frame is held
    soft_hold: float = 0.0                     # Bridge: pull on the other frames toward known_frames (0 = none)
    loop: bool = False                         # Loop: seamless last -> first frame
    extra_prompts: tuple[str, ...] = ()        # Storyboard / Blend: prompts 2..K (prompt 1 is params.prompt)
    prompt_weights: np.ndarray | None = None   # (F, K) weight of each prompt per frame, rows sum to 1
