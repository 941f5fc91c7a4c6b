"""Tests for safety/frames.py and safety/clip_scorer.py: sampling, decisions, NudeNet for real, CLIP untrained.

NudeNet runs its real shipped ONNX model. CLIP is a tiny open_clip architecture (registered with
`open_clip.add_model_config`) with random weights, saved as a local checkpoint and loaded through the same
`create_model_and_transforms(name, pretrained=<tag or path>)` code path the Space uses for real weights.
"""
from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from safety.clip_scorer import CATEGORY_PROMPTS, ClipFrameDetector
from safety.errors import SafetyLoadError
from safety.frames import FrameModerationConfig, FrameModerator, NudeNetDetector, sample_frame_indices
from safety.types import CATEGORIES

SMALL_CLIP = "Tiny-Test-CLIP"
TINY_CLIP_CONFIG = {
    "embed_dim": 64,
    "vision_cfg": {"image_size": 64, "layers": 2, "width": 64, "patch_size": 16, "head_width": 32},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}


@pytest.fixture(scope="module", autouse=True)
def tiny_clip_architecture(tmp_path_factory):
    """Register a 3.4M-parameter CLIP architecture with open_clip (ViT-B-32 takes seconds per call on 2 cores)."""
    import json

    import open_clip

    directory = tmp_path_factory.mktemp("clip_config")
    (directory / f"{SMALL_CLIP}.json").write_text(json.dumps(TINY_CLIP_CONFIG))
    open_clip.add_model_config(directory)


# -- helpers ---------------------------------------------------------------------------------------------------
def benign_video(n_frames=24, height=96, width=128):
    """Gradients, rendered shapes and noise: nothing a nudity detector should fire on."""
    cv2 = pytest.importorskip("cv2")
    rng = np.random.default_rng(0)
    frames = np.zeros((n_frames, height, width, 3), np.uint8)
    for t in range(n_frames):
        frame = frames[t]
        frame[..., 0] = np.linspace(0, 255, width)[None, :]
        frame[..., 2] = np.linspace(255, 0, height)[:, None]
        frame[..., 1] = (t * 10) % 256
        cv2.circle(frame, (20 + 3 * t, height // 2), 15, (250, 220, 40), -1)
        cv2.rectangle(frame, (70, 10), (110, 40 + t), (30, 160, 90), -1)
        if t % 6 == 5:
            frame[:] = rng.integers(0, 256, frame.shape, dtype=np.uint8)
    return frames


class BrightnessDetector:
    """Fake classifier: a frame scores its mean brightness / 255 for one category."""

    def __init__(self, name="fake", category="violence", threshold=0.8):
        self.name, self.category = name, category
        self.thresholds = {category: threshold}
        self.loads, self.seen = 0, []

    def load(self):
        self.loads += 1

    def score_frames(self, frames):
        self.seen.append(len(frames))
        return [{self.category: float(frame.mean()) / 255.0} for frame in frames]


def dark_video(n_frames=48, bright=()):
    frames = np.full((n_frames, 16, 16, 3), 20, np.uint8)
    for index in bright:
        frames[index] = 250
    return frames


# -- sampling --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n_frames, fps, expected", [
    (48, 24.0, [0, 12, 24, 36, 47]),
    (49, 24.0, [0, 12, 24, 36, 48]),
    (1, 24.0, [0]),
    (0, 24.0, []),
    (5, 1.0, [0, 1, 2, 3, 4]),            # slower than 2 fps: every frame
    (10, 5.0, [0, 2, 4, 6, 8, 9]),
])
def test_sample_frame_indices_examples(n_frames, fps, expected):
    assert sample_frame_indices(n_frames, fps) == expected


@pytest.mark.parametrize("fps", [1.5, 8.0, 12.0, 23.976, 24.0, 25.0, 29.97, 30.0, 60.0])
@pytest.mark.parametrize("n_frames", [2, 7, 61, 241])
def test_sample_frame_indices_density(fps, n_frames):
    indices = sample_frame_indices(n_frames, fps, per_second=2.0)
    assert indices == sorted(set(indices)) and indices[0] == 0 and indices[-1] == n_frames - 1
    assert all(0 <= i < n_frames for i in indices)
    window = math.ceil(fps)                   # frames in one second of video
    for start in range(0, n_frames - window + 1):
        assert sum(start <= i < start + window for i in indices) >= 2, (start, indices)


@pytest.mark.parametrize("args", [(-1, 24.0), (10, 0.0), (10, float("nan")), (10, 24.0, 0.0)])
def test_sample_frame_indices_rejects_bad_input(args):
    with pytest.raises(ValueError):
        sample_frame_indices(*args)


# -- decisions with fake classifiers ---------------------------------------------------------------------------
def test_one_flagged_frame_refuses_the_video():
    fake = BrightnessDetector()
    moderator = FrameModerator(detectors=[fake])
    assert fake.loads == 0                                            # constructor is cheap
    verdict = moderator.check(dark_video(bright=[24]), fps=24.0)
    assert not verdict.allowed
    assert verdict.categories == ("violence",) and verdict.flagged_frames == (24,)
    assert verdict.checks_run == ("fake",) and not verdict.reduced_mode
    assert "graphic violence" in verdict.reason()
    assert fake.seen == [5]                                           # only the sampled frames were scored
    assert moderator.check(dark_video(), fps=24.0).allowed
    assert fake.loads == 1                                            # loaded once


def test_unsampled_frames_are_not_scored():
    # frame 5 lies between the samples 0 and 12 at 24 fps / 2 per second
    assert FrameModerator(detectors=[BrightnessDetector()]).check(dark_video(bright=[5]), fps=24.0).allowed


def test_several_detectors_report_all_categories_in_canonical_order():
    first = BrightnessDetector("a", "weapons_illegal", 0.8)
    second = BrightnessDetector("b", "sexual", 0.8)
    verdict = FrameModerator(detectors=[first, second]).check(dark_video(bright=[0, 47]), fps=24.0)
    assert verdict.categories == ("sexual", "weapons_illegal")
    assert verdict.flagged_frames == (0, 47) and verdict.checks_run == ("a", "b")


def test_generated_threshold_applies_only_to_the_models_own_output():
    """A frame scoring 0.5 on a NudeNet-named detector: withheld as an upload, allowed as generated output when the
    profile's measured threshold is 0.6; other detectors keep their thresholds either way."""
    nudity = BrightnessDetector("nudenet", "sexual", 0.4)
    other = BrightnessDetector("clip", "violence", 0.4)
    frames = np.full((24, 16, 16, 3), 128, np.uint8)                 # brightness 0.502 in every frame
    relaxed = FrameModerator(FrameModerationConfig(generated_nudity_threshold=0.6), detectors=[nudity])
    assert not relaxed.check(frames, fps=24.0).allowed                # an upload: the strict 0.4
    assert relaxed.check(frames, fps=24.0, generated=True).allowed     # the model's own output: 0.6
    both = FrameModerator(FrameModerationConfig(generated_nudity_threshold=0.6), detectors=[nudity, other])
    verdict = both.check(frames, fps=24.0, generated=True)
    assert not verdict.allowed and verdict.categories == ("violence",)
    assert not FrameModerator(detectors=[nudity]).check(frames, fps=24.0, generated=True).allowed  # no override


@pytest.mark.parametrize("value", [0.3, 1.0, 1.5])
def test_generated_threshold_may_only_relax_within_range(value):
    with pytest.raises(ValueError, match="generated_nudity_threshold"):
        FrameModerationConfig(generated_nudity_threshold=value)


def test_detector_failure_while_scoring_fails_closed():
    class Broken(BrightnessDetector):
        def score_frames(self, frames):
            raise RuntimeError("onnx session died")

    class Short(BrightnessDetector):
        def score_frames(self, frames):
            return super().score_frames(frames)[:-1]

    for detector in (Broken(), Short()):
        with pytest.raises(SafetyLoadError):
            FrameModerator(detectors=[detector]).check(dark_video(), fps=24.0)


@pytest.mark.parametrize("frames", [
    np.zeros((0, 8, 8, 3), np.uint8),
    np.zeros((4, 8, 8), np.uint8),
    np.zeros((4, 8, 8, 3), np.float32),
    [[0]],
])
def test_check_rejects_malformed_frames(frames):
    with pytest.raises(ValueError):
        FrameModerator(detectors=[BrightnessDetector()]).check(frames, fps=24.0)


# -- NudeNet for real ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def nudenet_only():
    moderator = FrameModerator(FrameModerationConfig(use_clip=False))
    moderator.load()
    return moderator


def test_nudenet_allows_benign_frames(nudenet_only):
    frames = benign_video()
    verdict = nudenet_only.check(frames, fps=12.0)
    assert verdict.allowed and verdict.categories == () and verdict.flagged_frames == ()
    assert verdict.checks_run == ("nudenet",) and not verdict.reduced_mode    # CLIP off by choice, not reduced
    scores = nudenet_only._detectors[0].score_frames(frames[:4])
    assert len(scores) == 4 and all(0.0 <= s["sexual"] < 0.2 for s in scores)


def test_nudenet_preprocessing_matches_the_library():
    nudenet_module = pytest.importorskip("nudenet.nudenet")
    read_image = getattr(nudenet_module, "_read_image", None)
    if read_image is None:
        pytest.skip("nudenet no longer exposes _read_image")
    detector = NudeNetDetector()
    detector.load()
    frames = benign_video(n_frames=6, height=90, width=160)
    ours = detector.preprocess(frames)
    # the library's own path for an OpenCV (BGR) image of the same frame
    theirs = np.concatenate([read_image(np.ascontiguousarray(f[..., ::-1]), 320)[0] for f in frames])
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_nudenet_load_failure_raises(tmp_path, monkeypatch):
    corrupt = tmp_path / "model.onnx"
    corrupt.write_bytes(b"not an onnx model")
    with pytest.raises(SafetyLoadError, match="NudeNet"):
        FrameModerator(FrameModerationConfig(use_clip=False, nudenet_model=str(corrupt))).load()
    monkeypatch.setitem(sys.modules, "nudenet", None)                  # wheel missing
    with pytest.raises(SafetyLoadError, match="NudeNet"):
        FrameModerator(FrameModerationConfig(use_clip=False)).load()


# -- CLIP ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clip_checkpoint(tmp_path_factory):
    """A small open_clip model built without pretrained weights, saved like a downloaded checkpoint."""
    import torch

    detector = ClipFrameDetector(SMALL_CLIP, None, allow_untrained=True)
    detector.load()
    path = tmp_path_factory.mktemp("clip") / "open_clip_model.pt"
    torch.save(detector._model.state_dict(), path)
    return str(path), detector


def test_clip_scores_have_one_value_per_category(clip_checkpoint):
    _, detector = clip_checkpoint
    frames = benign_video(n_frames=3)
    scores = detector.score_frames(frames)
    assert len(scores) == 3
    for frame_scores in scores:
        assert set(frame_scores) == set(CATEGORIES) == set(CATEGORY_PROMPTS)
        assert all(0.0 <= v <= 1.0 for v in frame_scores.values())
        assert sum(frame_scores.values()) < 1.0                       # the benign prompts hold the rest
    assert scores[0] != scores[1]                                     # different frames, different scores


def test_clip_refuses_random_weights_unless_allowed():
    with pytest.raises(SafetyLoadError, match="no pretrained weights"):
        ClipFrameDetector(SMALL_CLIP, None).load()


def test_clip_end_to_end_applies_thresholds(clip_checkpoint):
    path, reference = clip_checkpoint
    frames = benign_video(n_frames=24)
    indices = sample_frame_indices(len(frames), 12.0)
    expected_scores = [s["violence"] for s in reference.score_frames(frames[indices])]
    threshold = float(np.median(expected_scores))
    config = FrameModerationConfig(clip_model=SMALL_CLIP, clip_pretrained=path,
                                   clip_thresholds={"violence": threshold, "hate": 1.01})
    moderator = FrameModerator(config)
    verdict = moderator.check(frames, fps=12.0)
    expected = tuple(i for i, s in zip(indices, expected_scores) if s >= threshold)
    assert 0 < len(expected) < len(indices)
    assert verdict.checks_run == ("nudenet", "clip") and not verdict.reduced_mode
    assert not verdict.allowed and verdict.categories == ("violence",) and verdict.flagged_frames == expected
    assert "REDUCED" not in moderator.status()

    lenient = FrameModerator(FrameModerationConfig(clip_model=SMALL_CLIP, clip_pretrained=path,
                                                   clip_thresholds={"violence": max(expected_scores) + 1e-3}))
    assert lenient.check(frames, fps=12.0).allowed


def test_missing_clip_weights_run_reduced_mode_and_say_so(tmp_path):
    config = FrameModerationConfig(clip_model=SMALL_CLIP, clip_pretrained=str(tmp_path / "missing.pt"))
    moderator = FrameModerator(config)
    verdict = moderator.check(benign_video(n_frames=4), fps=8.0)
    assert verdict.allowed and verdict.checks_run == ("nudenet",) and verdict.reduced_mode
    assert moderator.reduced_mode and "REDUCED MODE" in moderator.status() and "CLIP" in moderator.status()


def test_require_clip_makes_missing_weights_fatal(tmp_path):
    config = FrameModerationConfig(clip_model=SMALL_CLIP, clip_pretrained=str(tmp_path / "missing.pt"),
                                   require_clip=True)
    with pytest.raises(SafetyLoadError, match="CLIP"):
        FrameModerator(config).load()
    with pytest.raises(ValueError):
        FrameModerationConfig(use_clip=False, require_clip=True)


def test_uploaded_video_round_trip(tmp_path, nudenet_only):
    """An encoded-and-decoded upload goes through the same check."""
    media = pytest.importorskip("safety.media")
    video_io = pytest.importorskip("sora_space.video_io")
    path = video_io.write_mp4(benign_video(n_frames=16), 8.0, tmp_path / "upload.mp4")
    frames, fps = media.read_video(path)
    verdict = nudenet_only.check(frames, fps)
    assert verdict.allowed and len(frames) == 16 and fps == pytest.approx(8.0)
