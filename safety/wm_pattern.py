"""Spatial side of the watermark: key-derived tile layouts, texture-adaptive strength, and folded features.

Contract:
- The mark lives in a TILE×TILE pattern (per YUV channel) repeated over the whole frame. A tile is a grid of
  CELL×CELL-pixel cells; some cells carry a pilot (a key-derived ±1 pattern shared by every frame, used to find the
  tile's offset after cropping), the rest carry code bits, one cell per bit per channel, with a key-derived
  per-variant permutation and chip sign. Each frame uses one of `n_variants` layouts ("per-frame keys"); the
  detector recovers a frame's variant blindly, so dropped or duplicated frames do not matter.
- `Layout.pattern(bits, variant)` -> (3, TILE, TILE) float32 pattern (smoothed cells, unit peak).
- `strength_map(y, cfg)` -> per-pixel luma amplitude: a small floor on flat areas, growing with local texture.
- `frame_features(rgb, cfg)` -> key-independent evidence for one frame: the high-passed, texture-weighted YUV
  residual folded modulo the tile (3, TILE, TILE) plus the frame's textured-pixel count. Detection for any key
  works on these features only, so many keys can be tested against one decoded video cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from safety.wm_codec import derive_rng

TILE = 64
CELL = 4
CELLS_PER_SIDE = TILE // CELL
CELLS = CELLS_PER_SIDE * CELLS_PER_SIDE          # per channel
PILOT_CELLS = 32                                 # per channel: SYNC_CELLS shared + the rest name the variant
SYNC_CELLS = 16
DATA_CELLS = CELLS - PILOT_CELLS                 # per channel = code bits

# BT.601 RGB -> YUV (Y in 0..255, U/V centred); embedding adds YUV deltas through the inverse.
RGB_TO_YUV = np.array([[0.299, 0.587, 0.114],
                       [-0.168736, -0.331264, 0.5],
                       [0.5, -0.418688, -0.081312]], dtype=np.float32)
YUV_TO_RGB = np.linalg.inv(RGB_TO_YUV).astype(np.float32)
_PILOT_CHANNEL_WEIGHTS = np.array([1.0, 0.5, 0.5], dtype=np.float32)


@dataclass(frozen=True)
class PatternConfig:
    luma_floor: float = 0.7          # amplitude on flat areas (grey levels): faint, but never zero
    luma_gain: float = 0.22          # amplitude added per grey level of local std
    luma_max: float = 5.0
    chroma_ratio: float = 0.8        # chroma amplitude relative to luma
    texture_window: int = 7          # local std window (pixels)
    cell_smooth_sigma: float = 1.0   # softens cell edges: no blocky look, less high-frequency energy to lose
    highpass_sigma: float = 1.5      # detector removes host content below this scale
    sync_whitening: float = 0.5      # 0: plain cross-correlation, 1: phase correlation
    strength: float = 1.0            # global scale of the amplitudes above
    noise_floor: float = 6.0         # detector weight: amplitude / (local std^2 + noise_floor^2)
    textured_std: float = 3.0        # a pixel is "textured" above this local std


@lru_cache(maxsize=8)
def _gaussian_transfer(sigma: float) -> np.ndarray:
    """rfft2 transfer function of a Gaussian blur on the TILE×TILE torus."""
    f = np.fft.fftfreq(TILE)
    fr = np.fft.rfftfreq(TILE)
    return np.exp(-2.0 * (np.pi * sigma) ** 2 * (f[:, None] ** 2 + fr[None, :] ** 2))


def _circular_blur(tiles: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur with wrap-around of (..., TILE, TILE) tiles (the pattern is periodic)."""
    spectrum = np.fft.rfft2(tiles) * _gaussian_transfer(sigma)
    return np.fft.irfft2(spectrum, s=(TILE, TILE)).astype(np.float32)


class Layout:
    """Key-derived cell assignment: a shared sync pilot, per-variant pilot signs and data permutations."""

    def __init__(self, key: bytes, n_variants: int, cfg: PatternConfig):
        self.cfg = cfg
        self.n_variants = n_variants
        rng = derive_rng(key, "layout/pilot")
        pilot = np.stack([rng.permutation(CELLS)[:PILOT_CELLS] for _ in range(3)])
        self.sync_cells, self.variant_cells = pilot[:, :SYNC_CELLS], pilot[:, SYNC_CELLS:]
        self.sync_signs = np.stack([rng.permutation(_balanced_signs(SYNC_CELLS)) for _ in range(3)])
        data = np.stack([np.setdiff1d(np.arange(CELLS), pilot[c]) for c in range(3)])
        # data_cells[v, c, k]: the cell of channel c carrying code bit k in variant v; chips[v, c, k] its sign.
        self.data_cells = np.zeros((n_variants, 3, DATA_CELLS), dtype=np.int64)
        self.chips = np.zeros((n_variants, 3, DATA_CELLS), dtype=np.float32)
        self.variant_signs = np.zeros((n_variants, 3, PILOT_CELLS - SYNC_CELLS), dtype=np.float32)
        for v in range(n_variants):
            vr = derive_rng(key, f"layout/variant/{v}")
            for c in range(3):
                self.data_cells[v, c] = vr.permutation(data[c])
                self.chips[v, c] = vr.permutation(_balanced_signs(DATA_CELLS))
                self.variant_signs[v, c] = vr.permutation(_balanced_signs(PILOT_CELLS - SYNC_CELLS))
        sync_grid = np.zeros((3, CELLS), dtype=np.float32)
        np.put_along_axis(sync_grid, self.sync_cells, self.sync_signs, axis=1)
        self._sync_fft = np.fft.rfft2(self._smooth(self._cells_to_tile(sync_grid)))

    @staticmethod
    def _cells_to_tile(grid: np.ndarray) -> np.ndarray:
        cells = grid.reshape(3, CELLS_PER_SIDE, CELLS_PER_SIDE)
        return np.kron(cells, np.ones((1, CELL, CELL), dtype=np.float32)).astype(np.float32)

    def _smooth(self, tiles: np.ndarray) -> np.ndarray:
        return _circular_blur(tiles, self.cfg.cell_smooth_sigma)

    def pattern(self, bits: np.ndarray, variant: int) -> np.ndarray:
        """(3, TILE, TILE) pattern for code bits (0/1) in the given variant, unit RMS per channel."""
        grid = np.zeros((3, CELLS), dtype=np.float32)
        np.put_along_axis(grid, self.sync_cells, self.sync_signs, axis=1)
        np.put_along_axis(grid, self.variant_cells, self.variant_signs[variant], axis=1)
        symbols = bits.astype(np.float32) * 2.0 - 1.0
        np.put_along_axis(grid, self.data_cells[variant], self.chips[variant] * symbols, axis=1)
        tiles = self._smooth(self._cells_to_tile(grid))
        return tiles / np.sqrt(np.mean(tiles * tiles, axis=(1, 2), keepdims=True))

    def find_offsets(self, folded: np.ndarray, count: int, peaks: int = 3, radius: int = 2) -> list[tuple[int, int]]:
        """Up to `count` cyclic (dy, dx) alignments of a video's folded residuals (T, 3, TILE, TILE), best first.

        Coarse: phase-correlate the pooled residual (frames and channels normalised, so host structure that repeats
        across frames cannot outshine the pilot) with the sync pilot and keep `peaks` separated maxima. Fine: score
        every offset within `radius` of a peak, and the uncropped (0, 0), by the sync correlation of its cell sums,
        which is sharp at the true cell alignment. Only pilot cells are used, never data cells."""
        pooled = (folded / (folded.std(axis=(2, 3), keepdims=True) + 1e-9)).sum(axis=0)
        spectrum = (np.fft.rfft2(pooled) * np.conj(self._sync_fft)).sum(axis=0)
        spectrum /= np.abs(spectrum) ** self.cfg.sync_whitening + 1e-9
        corr = np.fft.irfft2(spectrum, s=(TILE, TILE))
        candidates = {(0, 0)}
        for _ in range(peaks):
            dy, dx = np.unravel_index(int(np.argmax(corr)), corr.shape)
            rows, cols = np.arange(dy - radius, dy + radius + 1) % TILE, np.arange(dx - radius, dx + radius + 1) % TILE
            candidates.update((int(r), int(c)) for r in rows for c in cols)
            corr[np.ix_(rows, cols)] = -np.inf       # the next peak is a different alignment
        coarse = self._distinct(sorted(candidates, key=lambda o: -self._pilot_score(pooled[None], o)), peaks, radius)
        fine = {((o[0] + dy) % TILE, (o[1] + dx) % TILE) for o in coarse for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        return self._distinct(sorted(fine, key=lambda o: -self._pilot_score(folded, o)), count, 1)

    @staticmethod
    def _distinct(ranked: list[tuple[int, int]], count: int, radius: int) -> list[tuple[int, int]]:
        """The first `count` offsets of a ranking that are not within `radius` of a better one."""
        best: list[tuple[int, int]] = []
        for offset in ranked:
            if all(_cyclic_distance(offset, b) > radius for b in best):
                best.append(offset)
            if len(best) == count:
                break
        return best

    def _pilot_score(self, folded: np.ndarray, offset: tuple[int, int]) -> float:
        """Sync + best-variant pilot correlation summed over frames; luma counts double (chroma is 4:2:0, so
        it pins the alignment less sharply)."""
        total = 0.0
        for frame in folded:
            z = self.normalise(self.cell_scores(frame, offset))
            total += float(_PILOT_CHANNEL_WEIGHTS @ self.sync_amplitude(z))
            total += float(self.variant_scores(z, _PILOT_CHANNEL_WEIGHTS).max()) / z.shape[1]
        return total

    def cell_scores(self, folded: np.ndarray, offset: tuple[int, int]) -> np.ndarray:
        """(3, CELLS) matched-filter sums of one frame's folded residual, aligned to the tile origin."""
        aligned = np.roll(folded, shift=(-offset[0], -offset[1]), axis=(1, 2))
        matched = self._smooth(aligned)
        return matched.reshape(3, CELLS_PER_SIDE, CELL, CELLS_PER_SIDE, CELL).sum(axis=(2, 4)).reshape(3, CELLS)

    def normalise(self, cells: np.ndarray) -> np.ndarray:
        """Cell sums in units of their own spread, per channel (frames and channels become comparable)."""
        return cells / (cells.std(axis=1, keepdims=True) + 1e-9)

    def sync_amplitude(self, z: np.ndarray) -> np.ndarray:
        """(3,) mean sync-pilot correlation per channel of normalised cells: how much mark each channel holds."""
        return (np.take_along_axis(z, self.sync_cells, axis=1) * self.sync_signs).mean(axis=1)

    def pilot_amplitude(self, z: np.ndarray, variant: int) -> np.ndarray:
        """(3,) mean correlation of all pilot cells (sync + variant) for a known variant."""
        sync = np.take_along_axis(z, self.sync_cells, axis=1) * self.sync_signs
        named = np.take_along_axis(z, self.variant_cells, axis=1) * self.variant_signs[variant]
        return np.concatenate([sync, named], axis=1).mean(axis=1)

    def variant_scores(self, z: np.ndarray, channel_weights: np.ndarray) -> np.ndarray:
        """(n_variants,) correlation of a frame's variant-pilot cells with each variant's signs."""
        picked = np.take_along_axis(z, self.variant_cells, axis=1)             # (3, n)
        return np.einsum("c,vcn,cn->v", channel_weights, self.variant_signs, picked)

    def bit_scores(self, z: np.ndarray, variant: int, channel_weights: np.ndarray) -> np.ndarray:
        """(DATA_CELLS,) soft scores (positive = bit 1) for a variant: channels combined by their weights."""
        picked = np.take_along_axis(z, self.data_cells[variant], axis=1) * self.chips[variant]
        return channel_weights @ picked


def _cyclic_distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(min((a[i] - b[i]) % TILE, (b[i] - a[i]) % TILE) for i in range(2))


def _balanced_signs(n: int) -> np.ndarray:
    return np.repeat(np.array([1.0, -1.0], dtype=np.float32), n // 2)


def rgb_to_yuv(rgb: np.ndarray) -> np.ndarray:
    return rgb.astype(np.float32) @ RGB_TO_YUV.T


def local_std(y: np.ndarray, window: int) -> np.ndarray:
    mean = cv2.blur(y, (window, window))
    sq = cv2.blur(y * y, (window, window))
    return np.sqrt(np.maximum(sq - mean * mean, 0.0))


def strength_map(y: np.ndarray, cfg: PatternConfig) -> np.ndarray:
    """Luma amplitude per pixel: floor on flat areas, more where texture masks it."""
    std = local_std(y, cfg.texture_window)
    amp = cfg.strength * np.minimum(cfg.luma_floor + cfg.luma_gain * std, cfg.luma_max)
    return cv2.blur(amp, (5, 5))                 # no hard edges between masked and unmasked regions


def fold(plane: np.ndarray) -> np.ndarray:
    h, w = plane.shape
    ph, pw = -h % TILE, -w % TILE
    if ph or pw:
        plane = np.pad(plane, ((0, ph), (0, pw)))
    return plane.reshape((h + ph) // TILE, TILE, (w + pw) // TILE, TILE).sum(axis=(0, 2))


def frame_features(rgb: np.ndarray, cfg: PatternConfig) -> tuple[np.ndarray, int]:
    """Folded, weighted high-pass residual (3, TILE, TILE) and the number of textured pixels of one frame."""
    yuv = rgb_to_yuv(rgb)
    y = np.ascontiguousarray(yuv[..., 0])
    std = local_std(y, cfg.texture_window)
    weight = (cfg.luma_floor + cfg.luma_gain * std) / (std * std + cfg.noise_floor ** 2)
    folded = np.empty((3, TILE, TILE), dtype=np.float32)
    for c in range(3):
        plane = np.ascontiguousarray(yuv[..., c])
        residual = plane - cv2.GaussianBlur(plane, (0, 0), cfg.highpass_sigma)
        folded[c] = fold(residual * weight)
    return folded, int(np.count_nonzero(std > cfg.textured_std))

