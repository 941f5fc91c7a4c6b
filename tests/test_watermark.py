"""Tests of safety.watermark (and its wm_codec / wm_pattern helpers): codes, round trips, refusals, the null."""
from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from safety.types import Detection
from safety.watermark import DEV_KEY, Watermarker, gather_evidence
from safety.wm_codec import Codebook, binomial_sf, binomial_threshold, conv_encode, crc16, viterbi_decode


def textured_clip(seed: int, frames: int = 8, h: int = 128, w: int = 128) -> np.ndarray:
    """Panning 1/f texture in colour with a flat band at the top: natural-ish, deterministic."""
    rng = np.random.default_rng(seed)
    big = h + 4 * frames + 8, w + 4 * frames + 8
    fy, fx = np.fft.fftfreq(big[0])[:, None], np.fft.rfftfreq(big[1])[None, :]
    radius = np.maximum(np.sqrt(fy ** 2 + fx ** 2), 1.0 / max(big))
    noise = np.fft.irfft2((rng.normal(size=radius.shape) + 1j * rng.normal(size=radius.shape)) / radius, s=big)
    noise = (noise - noise.mean()) / noise.std()
    rgb = rng.uniform(70, 180, 3) + 30 * noise[..., None] * rng.uniform(0.6, 1.2, 3)
    rgb[: big[0] // 4] = rng.uniform(80, 200, 3)
    clip = np.stack([rgb[2 * t: 2 * t + h, 3 * t: 3 * t + w] for t in range(frames)])
    return np.clip(clip, 0, 255).astype(np.uint8)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    return 10 * math.log10(255.0 ** 2 / np.mean((a.astype(np.float64) - b) ** 2))


@pytest.fixture(scope="module")
def wm() -> Watermarker:
    return Watermarker(DEV_KEY)


# ---------------------------------------------------------------- codes and statistics
def test_binomial_tail_matches_direct_sum_and_threshold_meets_rate():
    assert binomial_sf(0, 10) == 1.0
    assert binomial_sf(10, 10) == pytest.approx(1 / 1024)
    assert binomial_sf(8, 10) == pytest.approx((45 + 10 + 1) / 1024)
    k = binomial_threshold(116, 1e-6)
    assert binomial_sf(k, 116) < 1e-6 <= binomial_sf(k - 1, 116)


def test_viterbi_corrects_noisy_soft_bits_and_crc_detects_damage():
    rng = np.random.default_rng(0)
    info = rng.integers(0, 2, 48).astype(np.uint8)
    coded = conv_encode(info)
    soft = (coded * 2.0 - 1.0) + rng.normal(0, 0.6, coded.size)
    assert np.array_equal(viterbi_decode(soft, 48), info)
    flipped = info.copy()
    flipped[5] ^= 1
    assert not np.array_equal(crc16(info), crc16(flipped))


def test_codewords_are_balanced_key_dependent_and_decode():
    a, b = Codebook(b"key-a", 32, 224), Codebook(b"key-b", 32, 224)
    word = a.encode(123456789)
    assert abs(int(word[: a.n_presence].sum()) - a.n_presence // 2) <= 1      # presence part balanced
    assert not np.array_equal(word, b.encode(123456789))
    decoded = a.decode(word * 2.0 - 1.0)
    assert decoded.payload_id == 123456789 and decoded.presence_agree == a.n_presence
    assert a.decode(np.zeros(224)).presence_agree == a.n_presence // 2        # a blank read agrees with half
    with pytest.raises(ValueError):
        a.encode(2 ** 32)


# ---------------------------------------------------------------- embedding
def test_embed_keeps_shape_dtype_and_is_invisible(wm):
    clip = textured_clip(1)
    marked = wm.embed(clip, 42)
    assert marked.shape == clip.shape and marked.dtype == np.uint8
    assert psnr(clip, marked) >= 38.0
    assert np.any(marked != clip)


@pytest.mark.parametrize("shape", [(1, 64, 64), (3, 97, 70), (2, 130, 250)])
def test_embed_and_detect_any_size_and_frame_count(wm, shape):
    t, h, w = shape
    clip = textured_clip(2, frames=t, h=h, w=w)
    det = wm.detect(wm.embed(clip, 7777))
    assert det.watermarked and det.payload_id == 7777


def test_mostly_flat_video_still_carries_a_mark(wm):
    clip = np.full((6, 128, 128, 3), (40, 90, 160), np.uint8)
    obj = textured_clip(3, frames=6, h=32, w=32)
    clip[:, 48:80, 48:80] = obj
    marked = wm.embed(clip, 99)
    background = (slice(None), slice(0, 40), slice(0, 40))
    assert np.any(marked[background] != clip[background])          # texture adaptation never zeroes the mark
    change = np.abs(marked.astype(int) - clip)
    assert change[background].max() <= 3 and change[background].mean() < 1.8       # ...but keeps flat areas faint
    assert change[:, 52:76, 52:76].mean() > 1.3 * change[background].mean()        # texture takes more of it
    det = wm.detect(marked)
    assert det.watermarked and det.payload_id == 99


def test_rejects_malformed_frames(wm):
    with pytest.raises(ValueError):
        wm.embed(np.zeros((2, 32, 32, 3), np.uint8), 1)
    with pytest.raises(ValueError):
        wm.detect(np.zeros((2, 64, 64, 3), np.float32))
    with pytest.raises(ValueError):
        Watermarker("")


# ---------------------------------------------------------------- detection
def test_round_trip_through_real_mp4(wm, tmp_path):
    from sora_space.video_io import write_mp4

    marked = wm.embed(textured_clip(4, frames=12), 3141592653)
    path = write_mp4(marked, 8.0, tmp_path / "marked.mp4", crf=23)
    det = wm.detect_file(path)
    assert isinstance(det, Detection)
    assert det.watermarked and det.payload_id == 3141592653 and det.confidence > 1 - 1e-6
    assert det.frames_used == 12 and det.enough_evidence


def test_unmarked_and_foreign_key_videos_are_not_detected(wm):
    clip = textured_clip(5)
    assert not wm.detect(clip).watermarked
    other = Watermarker("another-secret").embed(clip, 5)
    det = wm.detect(other)
    assert not det.watermarked and det.payload_id is None and det.enough_evidence


def test_detects_after_crop_and_frame_dropping(wm):
    marked = wm.embed(textured_clip(6, frames=10, h=160, w=192), 2024)
    cropped = marked[::2, 10:154, 6:178]                            # drop every other frame, crop ~10%
    det = wm.detect(np.ascontiguousarray(cropped))
    assert det.watermarked and det.payload_id == 2024


@pytest.mark.parametrize("y0, x0", [(10, 22), (4, 16)])
def test_detects_after_crop_reencoded_on_a_new_block_grid(wm, tmp_path, y0, x0):
    """The app's 256² output (CRF 18) cropped by 10% and re-encoded at CRF 23: the crop's own 8×8 block grid cuts
    the mark's cells at 2/6 px (the hardest case) or 4 px."""
    from safety.media import read_video
    from sora_space.video_io import write_mp4

    marked = wm.embed(textured_clip(9, frames=16, h=256, w=256), 424242)
    app, _ = read_video(write_mp4(marked, 8.0, tmp_path / "app.mp4", crf=18))
    crop = np.ascontiguousarray(app[:, y0:y0 + 230, x0:x0 + 230])
    det = wm.detect_file(write_mp4(crop, 8.0, tmp_path / "crop.mp4", crf=23))
    assert det.watermarked and det.payload_id == 424242
    assert not Watermarker("another-secret").detect_file(tmp_path / "crop.mp4").watermarked


def test_detects_high_contrast_noise_content(wm):
    """A random-weight model's output: 64² noise, upscaled 4× bicubic for display like the app does."""
    rng = np.random.default_rng(10)
    noise = rng.integers(0, 256, (8, 64, 64, 3), dtype=np.uint8)
    clip = np.stack([cv2.resize(f, (256, 256), interpolation=cv2.INTER_CUBIC) for f in noise])
    det = wm.detect(wm.embed(clip, 31337))
    assert det.watermarked and det.payload_id == 31337
    assert not wm.detect(clip).watermarked


def test_detects_after_half_size_and_back(wm):
    marked = wm.embed(textured_clip(7, frames=8, h=256, w=256), 55)
    resized = np.stack([cv2.resize(cv2.resize(f, (128, 128), interpolation=cv2.INTER_AREA), (256, 256))
                        for f in marked])
    det = wm.detect(resized)
    assert det.watermarked and det.payload_id == 55


def test_all_flat_video_is_refused_not_guessed(wm):
    flat = np.full((8, 128, 128, 3), 120, np.uint8)
    for frames in (flat, wm.embed(flat, 1)):
        det = wm.detect(frames)
        assert not det.watermarked and not det.enough_evidence and det.payload_id is None
        assert "not enough evidence" in det.message


def test_null_agreement_is_centred_on_one_half():
    """Over many keys, each candidate decoding of an unmarked video agrees with ~half the presence bits."""
    evidence = gather_evidence(textured_clip(8))
    agreements = []
    for k in range(30):
        det, candidates = Watermarker(f"null-{k}").evaluate(evidence)
        assert not det.watermarked
        agreements += [c.presence_agree / c.n_presence for c in candidates]
    a = np.array(agreements)
    # Thousands of (correlated) draws of Bin(116, 1/2)/116 (sd 0.046): the mean is within 0.5 ± 0.015.
    assert abs(a.mean() - 0.5) < 0.015
    assert 0.03 < a.std() < 0.065
