"""Small result types passed between pipeline stages.

Contract: frozen dataclasses with no heavy imports, so fakes in tests and real components share them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recaption:
    """What a recaptioner returns: the prompt the model will see and how it was obtained."""

    text: str          # the final prompt handed to the text encoder
    enhanced: bool     # False when the user's prompt was passed through (enhancement off, fallback, or no-op)
    note: str = ""     # shown to the user, e.g. "prompt enhancer timed out; using your prompt as written"
