"""Verdict and result types shared by every safety component.

Contract: plain frozen dataclasses, no heavy imports. A component *returns* one of these; it raises only when it
cannot run at all (the pipeline then fails closed with SafetyUnavailable). `safety/` never imports `sora_space`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Category ids and the plain words a user sees for them.
CATEGORIES: dict[str, str] = {
    "sexual": "sexual content",
    "minors": "sexualisation of minors",
    "violence": "graphic violence or gore",
    "self_harm": "self-harm",
    "hate": "hate or harassment",
    "extremism": "violent extremism",
    "real_people": "real people or public figures",
    "weapons_illegal": "weapons or illegal activity",
}


@dataclass(frozen=True)
class PromptVerdict:
    """Outcome of moderating one prompt."""

    allowed: bool
    categories: tuple[str, ...] = ()          # ids from CATEGORIES that were hit
    scores: dict[str, float] = field(default_factory=dict)  # category id -> score in [0, 1]
    layer: str = ""                           # which layer decided: "rules", "classifier", "hub", ...

    def reason(self) -> str:
        """Plain words for a refusal, e.g. 'sexual content, self-harm'."""
        return ", ".join(CATEGORIES.get(c, c) for c in self.categories)


@dataclass(frozen=True)
class FrameVerdict:
    """Outcome of moderating sampled frames of one video."""

    allowed: bool
    categories: tuple[str, ...] = ()
    flagged_frames: tuple[int, ...] = ()      # indices into the checked video
    checks_run: tuple[str, ...] = ()          # e.g. ("nudenet", "clip")
    reduced_mode: bool = False                # True when a configured check could not run and was skipped by policy

    def reason(self) -> str:
        return ", ".join(CATEGORIES.get(c, c) for c in self.categories)


@dataclass(frozen=True)
class Detection:
    """Outcome of looking for our watermark in a video."""

    watermarked: bool
    confidence: float                         # 1 - p-value under the unmarked (binomial) null, in [0, 1]
    payload_id: int | None = None             # decoded generation id when watermarked
    bit_accuracy: float | None = None         # agreement with the decoded codeword, when known
    frames_used: int = 0
    enough_evidence: bool = True              # False: too few usable (non-flat) frames to decide
    message: str = ""
    record: dict | None = None                # provenance record when the id is known
