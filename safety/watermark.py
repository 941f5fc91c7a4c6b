"""Invisible, key-secret video watermark carrying a generation id, and its detector.

Contract:
- `Watermarker(key)`: the key (str/bytes, from the `SORA_WATERMARK_KEY` secret; `DEV_KEY` for development only)
  derives every pattern; without it the mark can neither be read nor forged.
- `embed(frames, payload_id)`: (T,H,W,3) uint8 RGB, H,W >= 64, T >= 1 -> same shape/dtype, carrying
  `payload_id` in [0, 2**payload_bits). The payload is CRC-16 protected and convolutionally coded; the codeword
  also holds key-derived presence bits. It is embedded additively in Y, U and V as a tiled pattern (see
  `safety.wm_pattern`) whose amplitude follows local texture (faint on flat areas, never zero), with one of a few
  key-derived layouts per frame.
- `detect(frames)` / `detect_file(path)`: pools soft evidence over every frame (any count, frames may be dropped,
  duplicated, cropped, rescaled, re-encoded), then tests the presence bits against the binomial null:
  watermarked iff P(Bin(n_presence, 1/2) >= agreement) < `FALSE_POSITIVE_RATE` (1e-6). `confidence` is
  1 - that p-value. The id is returned only when its CRC checks. With too little texture to carry evidence
  (e.g. an all-flat video) the detector returns `enough_evidence=False` and never claims a detection.
- Never raises on content; raises ValueError on malformed arrays and whatever `read_video` raises on bad files.
"""
from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass, field

import numpy as np

from safety.types import Detection
from safety.wm_codec import Codebook, Decoded, binomial_threshold, derive_rng, key_bytes
from safety.wm_pattern import (DATA_CELLS, TILE, YUV_TO_RGB, Layout, PatternConfig, frame_features,
                               rgb_to_yuv, strength_map)

log = logging.getLogger(__name__)

DEV_KEY = "sora-space-dev-watermark-key-not-secret"
FALSE_POSITIVE_RATE = 1e-6
PAYLOAD_BITS = 32


@dataclass(frozen=True)
class WatermarkConfig:
    payload_bits: int = PAYLOAD_BITS
    n_variants: int = 4                 # per-frame layouts
    frames_per_variant: int = 1         # consecutive frames sharing a layout
    sync_candidates: int = 2            # tile alignments decoded (best by sync pilot); p-values Bonferroni'd
    weigh_frames: bool = True
    min_textured_pixels: int = 4096     # below this (summed over frames) the detector refuses to decide
    false_positive_rate: float = FALSE_POSITIVE_RATE
    pattern: PatternConfig = field(default_factory=PatternConfig)


@dataclass
class VideoEvidence:
    """Key-independent evidence from a decoded video: per-frame folded residuals and texture counts."""

    folded: np.ndarray                  # (T, 3, TILE, TILE)
    textured_pixels: np.ndarray         # (T,)


def _check_frames(frames: np.ndarray) -> np.ndarray:
    frames = np.asarray(frames)
    if frames.ndim == 3:
        frames = frames[None]
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.shape[0] < 1:
        raise ValueError(f"expected (T,H,W,3) RGB frames, got shape {frames.shape}")
    if frames.dtype != np.uint8:
        raise ValueError(f"expected uint8 frames, got {frames.dtype}")
    if min(frames.shape[1:3]) < TILE:
        raise ValueError(f"frames must be at least {TILE}x{TILE}, got {frames.shape[2]}x{frames.shape[1]}")
    return frames


def gather_evidence(frames: np.ndarray, cfg: PatternConfig | None = None) -> VideoEvidence:
    cfg = cfg or PatternConfig()
    frames = _check_frames(frames)
    folded = np.empty((len(frames), 3, TILE, TILE), dtype=np.float32)
    textured = np.zeros(len(frames), dtype=np.int64)
    for t, frame in enumerate(frames):
        folded[t], textured[t] = frame_features(frame, cfg)
    return VideoEvidence(folded, textured)


class Watermarker:
    """Embeds and detects the key-secret mark; cheap to construct, safe to share between threads."""

    def __init__(self, key: str | bytes, config: WatermarkConfig | None = None):
        self.config = config or WatermarkConfig()
        self.payload_bits = self.config.payload_bits
        secret = key_bytes(key)
        self._codebook = Codebook(secret, self.payload_bits, DATA_CELLS)
        self._layout = Layout(secret, self.config.n_variants, self.config.pattern)
        self._variant_table = derive_rng(secret, "frames/variants").integers(self.config.n_variants, size=4096)
        self._agree_threshold = binomial_threshold(self._codebook.n_presence, self.config.false_positive_rate)

    def variant_of_frame(self, t: int) -> int:
        return int(self._variant_table[(t // self.config.frames_per_variant) % len(self._variant_table)])

    # ---------------------------------------------------------------- embedding
    def embed(self, frames: np.ndarray, payload_id: int) -> np.ndarray:
        frames = _check_frames(frames)
        started = time.perf_counter()
        bits = self._codebook.encode(int(payload_id))
        cfg = self.config.pattern
        _, h, w, _ = frames.shape
        reps = (math.ceil(h / TILE), math.ceil(w / TILE))
        tiled: dict[int, np.ndarray] = {}
        out = np.empty_like(frames)
        chroma = np.array([1.0, cfg.chroma_ratio, cfg.chroma_ratio], dtype=np.float32)
        for t, frame in enumerate(frames):
            v = self.variant_of_frame(t)
            if v not in tiled:
                pattern = self._layout.pattern(bits, v) * chroma[:, None, None]
                tiled[v] = np.tile(pattern, (1,) + reps)[:, :h, :w].transpose(1, 2, 0) @ YUV_TO_RGB.T
            y = np.ascontiguousarray(rgb_to_yuv(frame)[..., 0])
            delta = tiled[v] * strength_map(y, cfg)[..., None]
            out[t] = np.clip(frame.astype(np.float32) + delta + 0.5, 0, 255).astype(np.uint8)
        log.debug("watermark embedded in %d frames %dx%d in %.1f ms", len(frames), w, h,
                  1000 * (time.perf_counter() - started))
        return out

    # ---------------------------------------------------------------- detection
    def detect(self, frames: np.ndarray) -> Detection:
        started = time.perf_counter()
        evidence = gather_evidence(frames, self.config.pattern)
        result = self.detect_evidence(evidence)
        log.info("watermark detection on %d frames: %s in %.0f ms", len(evidence.folded), result.message,
                 1000 * (time.perf_counter() - started))
        return result

    def detect_file(self, path: str | os.PathLike) -> Detection:
        from safety.media import read_video            # lazy: ffmpeg plumbing only when reading files
        frames, _fps = read_video(path)
        return self.detect(frames)

    def _decode_at(self, folded: np.ndarray, offset: tuple[int, int]) -> Decoded:
        """Pool soft bit scores over frames for one tile alignment and decode them."""
        layout = self._layout
        z = np.stack([layout.normalise(layout.cell_scores(f, offset)) for f in folded])   # (T, 3, CELLS)
        # Channels are weighted by how much sync pilot they still carry (matched-filter combining); weights and
        # variant choice never look at data bits, so the presence-bit null stays exactly Binomial(n, 1/2).
        amplitude = np.maximum(np.mean([layout.sync_amplitude(zt) for zt in z], axis=0), 0.0)
        weights = amplitude / amplitude.sum() if amplitude.sum() > 0 else np.full(3, 1 / 3)
        pooled = np.zeros(DATA_CELLS)
        for zt in z:
            variant = int(np.argmax(layout.variant_scores(zt, weights)))
            scores = layout.bit_scores(zt, variant, weights)
            frame_weight = max(float(weights @ layout.pilot_amplitude(zt, variant)), 0.0) if self.config.weigh_frames else 1.0
            pooled += frame_weight * scores / (np.sqrt(np.mean(scores * scores)) + 1e-9)
        if not pooled.any():
            pooled = sum(layout.bit_scores(zt, int(np.argmax(layout.variant_scores(zt, weights))), weights) for zt in z)
        return self._codebook.decode(pooled)

    def detect_evidence(self, evidence: VideoEvidence) -> Detection:
        """Decide from pooled, key-independent evidence (see `gather_evidence`)."""
        folded, textured = evidence.folded, evidence.textured_pixels
        usable = textured > 0
        frames_used = int(usable.sum())
        if int(textured.sum()) < self.config.min_textured_pixels or frames_used == 0:
            return Detection(watermarked=False, confidence=0.0, frames_used=frames_used, enough_evidence=False,
                             message="not enough evidence: the video is too flat to tell whether it is marked")
        candidates = self._layout.find_offsets(folded[usable], self.config.sync_candidates)
        decoded = min((self._decode_at(folded[usable], offset) for offset in candidates), key=lambda d: d.p_value)
        # Bonferroni over the alignments tried keeps the false-positive bound honest.
        p_value = min(1.0, decoded.p_value * len(candidates))
        marked = p_value < self.config.false_positive_rate
        if marked and decoded.payload_id is not None:
            message = f"watermarked: generation id {decoded.payload_id}"
        elif marked:
            message = "watermarked, but the generation id could not be read"
        else:
            message = "no watermark found"
        return Detection(
            watermarked=bool(marked),
            confidence=float(1.0 - p_value),
            payload_id=decoded.payload_id if marked else None,
            bit_accuracy=decoded.bit_accuracy,
            frames_used=frames_used,
            enough_evidence=True,
            message=message,
        )
