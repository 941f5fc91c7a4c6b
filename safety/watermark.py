"""Invisible, key-secret video watermark carrying a generation id, and its detector.

Contract:
- `Watermarker(key)`: the key (str/bytes, from the `SORA_WATERMARK_KEY` secret; `DEV_KEY` for development only)
  derives every pattern; without it the mark can neither be read nor forged.
- `embed(frames, payload_id)`: (T,H,W,3) uint8 RGB, H,W >= 64, T >= 1 -> same shape/dtype, carrying
  `payload_id` in [0, 2**payload_bits). The payload is CRC-16 protected and convolutionally coded; the codeword
  also holds key-derived presence bits. It is embedded additively in Y, U and V as a tiled pattern (see
  `safety.wm_pattern`) whose amplitude follows local texture (faint on flat areas, never zero), with one of a few
  key-derived layouts per frame.
- `detect(frames)` / `detect_file(path)`: pools soft evidence over every frame (any count; frames may be dropped,
  duplicated, cropped, rescaled, re-encoded, colour-shifted), tests the presence bits at every candidate tile
  alignment (per cell size: the uncropped one and all within `search_radius` px of two pilot estimates) against
  the binomial null, and takes the best with a Bonferroni factor for the candidates tried: watermarked iff
  n_candidates * P(Bin(n_presence, 1/2) >= agreement) < `FALSE_POSITIVE_RATE` (1e-6). `confidence` is 1 - that
  corrected p-value. The id is read (Viterbi) only from significant candidates, strongest first, and returned
  only when its CRC-16 checks. With too little texture to carry evidence (e.g. an all-flat video) the detector
  returns `enough_evidence=False` and never claims a detection.
- `gather_evidence` + `detect_evidence`/`evaluate` split detection into a key-independent part and a cheap
  per-key part (used to test many keys against one video).
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
from safety.wm_codec import Codebook, Decoded, derive_rng, key_bytes
from safety.wm_pattern import (CELL_SIZES, DATA_CELLS, MIN_SIDE, YUV_TO_RGB, Layout, PatternConfig,
                               cell_size_for, frame_features, luma, strength_map)

log = logging.getLogger(__name__)

DEV_KEY = "sora-space-dev-watermark-key-not-secret"
FALSE_POSITIVE_RATE = 1e-6
PAYLOAD_BITS = 32
_MAX_ID_READS = 12          # significant candidates tried for a CRC-valid id, strongest first
MAX_DETECT_FRAMES = 240      # bounds memory and time on long uploads (~5 s at 832x480 on one core)


@dataclass(frozen=True)
class WatermarkConfig:
    payload_bits: int = PAYLOAD_BITS
    n_variants: int = 4                 # per-frame layouts
    frames_per_variant: int = 4         # consecutive frames share a layout (H.264 B/P frames keep it better)
    weigh_frames: bool = True           # weight frames by their pilot strength when pooling
    min_textured_pixels: int = 1024     # below this (summed over frames) the detector refuses to decide
    search_radius: int = 2              # decode every alignment within this many pixels of each estimate
    false_positive_rate: float = FALSE_POSITIVE_RATE
    pattern: PatternConfig = field(default_factory=PatternConfig)


@dataclass
class VideoEvidence:
    """Key-independent evidence from a decoded video: per-frame folded residuals and texture counts."""

    folded: dict[int, np.ndarray]       # cell size -> (T, 3, tile, tile)
    textured_pixels: np.ndarray         # (T,)


def _check_frames(frames: np.ndarray) -> np.ndarray:
    frames = np.asarray(frames)
    if frames.ndim == 3:
        frames = frames[None]
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.shape[0] < 1:
        raise ValueError(f"expected (T,H,W,3) RGB frames, got shape {frames.shape}")
    if frames.dtype != np.uint8:
        raise ValueError(f"expected uint8 frames, got {frames.dtype}")
    if min(frames.shape[1:3]) < MIN_SIDE:
        raise ValueError(f"frames must be at least {MIN_SIDE}x{MIN_SIDE}, got {frames.shape[2]}x{frames.shape[1]}")
    return frames


def neighbourhood(offset: tuple[int, int], tile: int, radius: int = 1) -> list[tuple[int, int]]:
    steps = range(-radius, radius + 1)
    return [((offset[0] + dy) % tile, (offset[1] + dx) % tile) for dy in steps for dx in steps]


def gather_evidence(frames: np.ndarray, cfg: PatternConfig | None = None) -> VideoEvidence:
    cfg = cfg or PatternConfig()
    frames = _check_frames(frames)
    per_frame = [frame_features(frame, cfg) for frame in frames]
    folded = {cell: np.stack([f[0][cell] for f in per_frame]) for cell in CELL_SIZES}
    return VideoEvidence(folded, np.array([f[1] for f in per_frame], dtype=np.int64))


class Watermarker:
    """Embeds and detects the key-secret mark; cheap to construct, safe to share between threads."""

    def __init__(self, key: str | bytes, config: WatermarkConfig | None = None):
        self.config = config or WatermarkConfig()
        self.payload_bits = self.config.payload_bits
        secret = key_bytes(key)
        self.uses_dev_key = secret == key_bytes(DEV_KEY)   # for the caller's start-up warning
        self._codebook = Codebook(secret, self.payload_bits, DATA_CELLS)
        self._layouts = {cell: Layout(secret, self.config.n_variants, self.config.pattern, cell)
                         for cell in CELL_SIZES}
        self._variant_table = derive_rng(secret, "frames/variants").integers(self.config.n_variants, size=4096)

    def variant_of_frame(self, t: int) -> int:
        return int(self._variant_table[(t // self.config.frames_per_variant) % len(self._variant_table)])

    # ---------------------------------------------------------------- embedding
    def embed(self, frames: np.ndarray, payload_id: int) -> np.ndarray:
        if np.ndim(frames) != 4:
            raise ValueError(f"expected (T,H,W,3) RGB frames, got shape {np.shape(frames)}")
        frames = _check_frames(frames)
        started = time.perf_counter()
        bits = self._codebook.encode(int(payload_id))
        cfg = self.config.pattern
        _, h, w, _ = frames.shape
        layout = self._layouts[cell_size_for(h, w)]
        reps = (math.ceil(h / layout.tile), math.ceil(w / layout.tile))
        channel_scale = np.array([1.0, cfg.chroma_ratio, cfg.chroma_ratio], dtype=np.float32)[:, None, None]
        rgb_patterns: dict[int, np.ndarray] = {}
        out = np.empty_like(frames)
        for t, frame in enumerate(frames):
            v = self.variant_of_frame(t)
            if v not in rgb_patterns:             # YUV pattern tiled over the frame, as an RGB delta per unit
                yuv = np.tile(layout.pattern(bits, v) * channel_scale, (1,) + reps)[:, :h, :w]
                rgb_patterns[v] = np.ascontiguousarray(yuv.transpose(1, 2, 0) @ YUV_TO_RGB.T)
            delta = rgb_patterns[v] * strength_map(luma(frame), cfg)[..., None]
            out[t] = np.clip(frame + delta + 0.5, 0, 255).astype(np.uint8)
        log.debug("watermark embedded in %d frames %dx%d in %.1f ms", len(frames), w, h,
                  1000 * (time.perf_counter() - started))
        return out

    # ---------------------------------------------------------------- detection
    def detect(self, frames: np.ndarray) -> Detection:
        started = time.perf_counter()
        evidence = gather_evidence(frames, self.config.pattern)
        result = self.detect_evidence(evidence)
        log.info("watermark detection on %d frames: %s in %.0f ms", len(evidence.textured_pixels), result.message,
                 1000 * (time.perf_counter() - started))
        return result

    def detect_file(self, path: str | os.PathLike, max_frames: int | None = MAX_DETECT_FRAMES) -> Detection:
        """Detect in any video ffmpeg decodes; the first `max_frames` frames are plenty of evidence."""
        from safety.media import read_video            # lazy: ffmpeg plumbing only when reading files
        frames, _fps = read_video(path, max_frames=max_frames)
        return self.detect(frames)

    def _decode_at(self, layout: Layout, maps: np.ndarray, offset: tuple[int, int], read_id: bool = True) -> Decoded:
        """Pool soft bit scores over frames for one tile alignment and decode them."""
        z = layout.cells_at(maps, offset)                                    # (T, 3, CELLS)
        # Channels are weighted by how much sync pilot they still carry (matched-filter combining), frames by
        # their pilot strength; these weights and the variant choice never look at data bits, so the
        # presence-bit null stays exactly Binomial(n, 1/2).
        amplitude = np.maximum(layout.sync_amplitude(z).mean(axis=0), 0.0)
        weights = amplitude / amplitude.sum() if amplitude.sum() > 0 else np.full(3, 1 / 3)
        variants = np.argmax(layout.variant_scores(z, weights), axis=1)
        scores = layout.bit_scores(z, variants, weights)
        scores /= np.sqrt(np.mean(scores * scores, axis=1, keepdims=True)) + 1e-9
        if self.config.weigh_frames:
            frame_weights = np.maximum(layout.pilot_amplitude(z, variants) @ weights, 0.0)
            pooled = frame_weights @ scores
            if pooled.any():
                return self._codebook.decode(pooled, read_id)
        return self._codebook.decode(scores.sum(axis=0), read_id)

    def detect_evidence(self, evidence: VideoEvidence) -> Detection:
        """Decide from pooled, key-independent evidence (see `gather_evidence`)."""
        return self.evaluate(evidence)[0]

    def evaluate(self, evidence: VideoEvidence) -> tuple[Detection, list[Decoded]]:
        """The decision and every candidate decoding behind it (one per cell size and tile alignment tried).

        Each candidate's presence agreement is Binomial(n, 1/2) on unmarked video; the decision takes the best
        candidate and multiplies its p-value by the number of candidates (Bonferroni)."""
        textured = evidence.textured_pixels
        usable = textured > 0
        frames_used = int(usable.sum())
        if int(textured.sum()) < self.config.min_textured_pixels or frames_used == 0:
            return Detection(watermarked=False, confidence=0.0, frames_used=frames_used, enough_evidence=False,
                             message="not enough evidence: the video is too flat to tell whether it is marked"), []
        candidates, results = [], []
        for cell, layout in self._layouts.items():
            folded = evidence.folded[cell][usable]
            maps = layout.cell_maps(folded)
            # The pilot pins the alignment to a pixel or two (a re-encode on a shifted block grid drags cell edges
            # towards its block boundaries): decode every alignment within `search_radius` of both estimates,
            # and the uncropped alignment (what re-encodes, resizes and colour edits keep).
            offsets = [(0, 0)]
            for estimate in layout.find_offsets(folded, maps):
                offsets += [o for o in neighbourhood(estimate, layout.tile, self.config.search_radius)
                            if o not in offsets]
            candidates += [(layout, maps, offset) for offset in offsets]
            results += [self._decode_at(layout, maps, offset, read_id=False) for offset in offsets]
        order = sorted(range(len(results)), key=lambda i: results[i].p_value)
        decoded = results[order[0]]
        p_value = min(1.0, decoded.p_value * len(results))
        marked = p_value < self.config.false_positive_rate
        if marked:
            # Read the id (Viterbi + CRC) from the strongest candidate; if its CRC fails, from the next candidates
            # that are themselves significant (CRC-16 keeps a wrong id below 1 in 65,536 per candidate).
            for i in order[:_MAX_ID_READS]:
                if results[i].p_value * len(results) >= self.config.false_positive_rate:
                    break
                read = self._decode_at(*candidates[i])
                if read.payload_id is not None:
                    decoded = results[i] = read
                    break
        if marked and decoded.payload_id is not None:
            message = f"watermarked: generation id {decoded.payload_id}"
        elif marked:
            message = "watermarked, but the generation id could not be read"
        else:
            message = "no watermark found"
        detection = Detection(
            watermarked=bool(marked),
            confidence=float(1.0 - p_value),
            payload_id=decoded.payload_id if marked else None,
            bit_accuracy=decoded.bit_accuracy,
            frames_used=frames_used,
            enough_evidence=True,
            message=message,
        )
        return detection, results
