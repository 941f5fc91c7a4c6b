"""Frame moderation: refuse a video when any sampled frame trips a classifier.

Contract:
- `sample_frame_indices(n, fps, per_second)` picks at least `per_second` frames per second of video (a fixed frame
  stride of floor(fps / per_second)) plus the first and the last frame, sorted, without duplicates.
- `FrameModerator(config, detectors=None)` is cheap; `load()` builds the detectors once:
  1. NudeNet (the ONNX detector shipped in the `nudenet` wheel), always on; exposed genitalia/breasts/buttocks/anus
     above `nudity_threshold` -> category "sexual". Any failure to load raises `SafetyLoadError` (fail closed).
  2. open_clip zero-shot scoring for every category (`safety.clip_scorer`), when `use_clip`. If its weights cannot be
     loaded: with `require_clip` (set on a Space) `SafetyLoadError`; otherwise reduced mode, reported in every
     verdict as `checks_run=("nudenet",), reduced_mode=True` and in `status()`.
  `detectors=` replaces both with caller-supplied `FrameDetector`s (tests, custom stacks).
- `check(frames, fps, generated=False)` takes uint8 RGB `(T, H, W, 3)` and returns `FrameVerdict`; flagged frame
  indices refer to the checked video. A detector that fails while scoring raises `SafetyLoadError` (the pipeline
  fails closed). `generated=True` (the app's own model output) uses `generated_nudity_threshold` for NudeNet when the
  config sets one: a per-model value measured on that model's false positives. Uploads use `nudity_threshold`,
  so nothing a user brings in is judged more leniently than our own output: the caller passes `generated=True` for
  an upload only when it is a byte-identical copy of a video the app recorded with that model.
Nothing heavy happens at import; no prompts are involved or logged.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from safety.clip_scorer import DEFAULT_CLIP_THRESHOLDS, ClipFrameDetector
from safety.errors import SafetyLoadError
from safety.types import CATEGORIES, FrameVerdict

log = logging.getLogger(__name__)

# NudeNet labels that count as sexual content when exposed (covered variants, faces, feet, belly are not).
NUDENET_SEXUAL_LABELS = ("FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED",
                         "BUTTOCKS_EXPOSED", "ANUS_EXPOSED")


@runtime_checkable
class FrameDetector(Protocol):
    """A frame classifier: per-frame {category: score}; a frame is flagged where score >= thresholds[category]."""

    name: str
    thresholds: Mapping[str, float]

    def score_frames(self, frames: np.ndarray) -> list[dict[str, float]]: ...


@dataclass(frozen=True)
class FrameModerationConfig:
    samples_per_second: float = 2.0
    nudity_threshold: float = 0.4              # NudeNet box score for an exposed sexual body part
    generated_nudity_threshold: float | None = None   # for the model's own output only; None = nudity_threshold
    nudenet_model: str | None = None           # None: the 320n ONNX model shipped in the wheel
    use_clip: bool = True
    clip_model: str = "ViT-B-32"               # open_clip name, or "hf-hub:org/repo"
    clip_pretrained: str | None = "laion2b_s34b_b79k"   # tag or local checkpoint file; None only with hf-hub:
    clip_thresholds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CLIP_THRESHOLDS))
    clip_device: str = "cpu"                   # B/32 on CPU costs well under 0.1 s a frame and needs no GPU slot
    require_clip: bool = False                 # True on a Space: missing CLIP weights are fatal
    batch_size: int = 16

    def __post_init__(self):
        if not self.samples_per_second > 0:
            raise ValueError("samples_per_second must be > 0")
        if self.require_clip and not self.use_clip:
            raise ValueError("require_clip needs use_clip")
        generated = self.generated_nudity_threshold
        if generated is not None and not self.nudity_threshold <= generated < 1.0:
            raise ValueError(f"generated_nudity_threshold={generated} must lie in [nudity_threshold="
                             f"{self.nudity_threshold}, 1): it may only relax the check for a measured model")


def sample_frame_indices(n_frames: int, fps: float, per_second: float = 2.0) -> list[int]:
    """Indices of the frames to check: every floor(fps / per_second)-th frame, plus the first and the last."""
    if n_frames < 0 or not (fps > 0 and math.isfinite(fps)) or not per_second > 0:
        raise ValueError(f"bad sampling request: n_frames={n_frames}, fps={fps}, per_second={per_second}")
    if n_frames == 0:
        return []
    stride = max(1, math.floor(fps / per_second + 1e-9))   # floor: never fewer than per_second samples a second
    return sorted(set(range(0, n_frames, stride)) | {n_frames - 1})


class NudeNetDetector:
    """NudeNet's shipped YOLOv8 ONNX detector run on in-memory frames, batched, without temp files."""

    name = "nudenet"

    def __init__(self, threshold: float = 0.4, model_path: str | None = None, batch_size: int = 16):
        self.thresholds = {"sexual": threshold}
        self.model_path = model_path
        self.batch_size = batch_size
        self._session = None
        self._input_name = ""
        self._size = 320
        self._class_rows: list[int] = []
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            started = time.monotonic()
            try:
                import nudenet
                import nudenet.nudenet as nudenet_module

                detector = nudenet.NudeDetector(model_path=self.model_path)
                labels = list(vars(nudenet_module)["__labels"])     # the label order the ONNX model was exported with
                session, size = detector.onnx_session, detector.input_width
                input_name = session.get_inputs()[0].name
                probe = session.run(None, {input_name: np.zeros((1, 3, size, size), np.float32)})[0]
                if probe.shape[1] != 4 + len(labels):
                    raise RuntimeError(f"model outputs {probe.shape[1]} rows, expected 4 + {len(labels)} labels")
                rows = [4 + labels.index(label) for label in NUDENET_SEXUAL_LABELS]
            except Exception as exc:
                raise SafetyLoadError(f"NudeNet nudity detector could not be loaded: {exc}") from exc
            self._session, self._input_name, self._size, self._class_rows = session, input_name, size, rows
            log.info("NudeNet detector loaded in %.2f s", time.monotonic() - started)

    def preprocess(self, frames: np.ndarray) -> np.ndarray:
        """(N, H, W, 3) RGB uint8 -> (N, 3, S, S) float32, exactly as NudeNet prepares an OpenCV (BGR) image:
        zero-pad bottom/right to a square, resize to S x S, scale to [0, 1], planes in B, G, R order."""
        import cv2

        _, height, width, _ = frames.shape
        side = max(height, width)
        blobs = np.empty((len(frames), 3, self._size, self._size), np.float32)
        for i, frame in enumerate(frames):
            square = np.zeros((side, side, 3), np.uint8)
            square[:height, :width] = frame
            resized = cv2.resize(square, (self._size, self._size), interpolation=cv2.INTER_LINEAR)
            blobs[i] = resized[..., ::-1].transpose(2, 0, 1) / np.float32(255.0)
        return blobs

    def label_scores(self, frames: np.ndarray) -> np.ndarray:
        """(N, len(NUDENET_SEXUAL_LABELS)): per frame, each exposed-body-part label's best box score (no NMS)."""
        self.load()
        best = []
        for start in range(0, len(frames), self.batch_size):
            blob = self.preprocess(frames[start:start + self.batch_size])
            output = self._session.run(None, {self._input_name: blob})[0]     # (N, 4 + classes, anchors)
            best.append(output[:, self._class_rows, :].max(axis=2))          # (N, labels)
        return np.concatenate(best) if best else np.zeros((0, len(self._class_rows)), np.float32)

    def score_frames(self, frames: np.ndarray) -> list[dict[str, float]]:
        """Per-frame {"sexual": highest exposed-body-part score over all boxes} (max is max)."""
        return [{"sexual": float(value)} for value in self.label_scores(frames).max(axis=1)]


class FrameModerator:
    """Runs the configured frame detectors on sampled frames and decides allow/refuse."""

    def __init__(self, config: FrameModerationConfig = FrameModerationConfig(), *,
                 detectors: Sequence[FrameDetector] | None = None):
        self.config = config
        self._supplied = list(detectors) if detectors is not None else None
        self._detectors: list[FrameDetector] | None = None
        self._reduced_reason = ""
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------------------------------------------
    def load(self) -> None:
        """Build and load the detectors once. Raises SafetyLoadError when a required check cannot run."""
        with self._lock:
            if self._detectors is None:
                self._detectors = self._build()

    def _build(self) -> list[FrameDetector]:
        if self._supplied is not None:
            for detector in self._supplied:
                if callable(getattr(detector, "load", None)):
                    try:
                        detector.load()
                    except SafetyLoadError:
                        raise
                    except Exception as exc:
                        raise SafetyLoadError(f"frame detector {detector.name!r} could not be loaded: {exc}") from exc
            return list(self._supplied)
        cfg = self.config
        nudity = NudeNetDetector(cfg.nudity_threshold, cfg.nudenet_model, cfg.batch_size)
        nudity.load()                                   # fail closed: no nudity check, no videos
        detectors: list[FrameDetector] = [nudity]
        if cfg.use_clip:
            clip = ClipFrameDetector(cfg.clip_model, cfg.clip_pretrained, cfg.clip_thresholds,
                                     device=cfg.clip_device, batch_size=cfg.batch_size)
            try:
                clip.load()
                detectors.append(clip)
            except SafetyLoadError as exc:
                if cfg.require_clip:
                    raise
                self._reduced_reason = f"CLIP frame classifier unavailable ({exc}); only nudity is checked"
                log.warning("frame moderation in REDUCED MODE: %s", self._reduced_reason)
        return detectors

    @property
    def checks_run(self) -> tuple[str, ...]:
        self.load()
        return tuple(detector.name for detector in self._detectors)

    @property
    def reduced_mode(self) -> bool:
        self.load()
        return bool(self._reduced_reason)

    def status(self) -> str:
        """One line for logs and the UI about what frame moderation runs."""
        checks = ", ".join(self.checks_run)
        if self.reduced_mode:
            return f"frame moderation: REDUCED MODE, checks: {checks}. {self._reduced_reason}"
        return f"frame moderation: checks: {checks}"

    # -- checking ----------------------------------------------------------------------------------------------
    def _thresholds(self, detector: FrameDetector, generated: bool) -> Mapping[str, float]:
        override = self.config.generated_nudity_threshold
        if generated and override is not None and detector.name == NudeNetDetector.name:
            return {**detector.thresholds, "sexual": override}
        return detector.thresholds

    def check(self, frames: np.ndarray, fps: float, *, generated: bool = False) -> FrameVerdict:
        """Verdict for a whole video from its sampled frames (uint8 RGB (T, H, W, 3)); `generated` marks the
        app's own model output (see the module docstring), everything else is judged as an upload."""
        if not (isinstance(frames, np.ndarray) and frames.ndim == 4 and frames.shape[-1] == 3
                and frames.dtype == np.uint8 and len(frames) > 0):
            shape = getattr(frames, "shape", None)
            raise ValueError(f"frames must be a non-empty uint8 (T, H, W, 3) array, got {shape} "
                             f"{getattr(frames, 'dtype', type(frames).__name__)}")
        self.load()
        started = time.monotonic()
        indices = sample_frame_indices(len(frames), fps, self.config.samples_per_second)
        sampled = frames[indices]
        flagged: set[int] = set()
        hit: set[str] = set()
        peaks: dict[str, float] = {}
        for detector in self._detectors:
            try:
                scores = detector.score_frames(sampled)
            except Exception as exc:
                raise SafetyLoadError(f"frame detector {detector.name!r} failed: {exc}") from exc
            if len(scores) != len(indices):
                raise SafetyLoadError(f"frame detector {detector.name!r} returned {len(scores)} scores "
                                      f"for {len(indices)} frames")
            thresholds = self._thresholds(detector, generated)
            for frame_index, frame_scores in zip(indices, scores):
                for category, threshold in thresholds.items():
                    score = float(frame_scores.get(category, 0.0))
                    key = f"{detector.name}:{category}"
                    peaks[key] = max(peaks.get(key, 0.0), score)
                    if score >= threshold:
                        flagged.add(frame_index)
                        hit.add(category)
        categories = tuple(c for c in CATEGORIES if c in hit) + tuple(sorted(hit - set(CATEGORIES)))
        verdict = FrameVerdict(allowed=not flagged, categories=categories, flagged_frames=tuple(sorted(flagged)),
                               checks_run=tuple(d.name for d in self._detectors),
                               reduced_mode=bool(self._reduced_reason))
        log.info("frame check (%s): %d/%d frames sampled, checks=%s, reduced=%s, allowed=%s, categories=%s, "
                 "peaks=%s, %.2f s", "generated" if generated else "upload", len(indices), len(frames),
                 verdict.checks_run, verdict.reduced_mode,
                 verdict.allowed, categories, {k: round(v, 3) for k, v in peaks.items()}, time.monotonic() - started)
        return verdict
