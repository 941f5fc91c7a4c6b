"""Spatial side of the watermark: key-derived tile layouts, texture-adaptive strength, and folded features.

Contract:
- The mark lives in a square tile of 16×16 cells per YUV channel, repeated over the whole frame. Cells are
  `cell`×`cell` pixels: 8 on frames whose short side is >= 128 (low spatial frequency survives H.264), 4 on
  smaller frames (`cell_size_for`). The detector tries both sizes, so a video shrunk to half size still reads.
- Of the 256 cells per channel, 16 carry a sync pilot (key-derived ±1, the same in every frame: finds the tile's
  offset after cropping), 16 carry a variant pilot (names which of `n_variants` per-frame layouts a frame uses),
  and 224 carry code bits: one cell per bit per channel, at a key-derived, per-variant position and chip sign.
- `Layout.pattern(bits, variant)` -> (3, tile, tile) float32 pattern with unit RMS per channel.
- `strength_map(y, cfg)` -> per-pixel luma amplitude: a faint floor on flat areas, growing with local texture.
- `frame_features(rgb, cfg)` -> key-independent evidence for one frame: for each cell size, the high-passed,
  texture-weighted YUV residual folded modulo the tile, plus the frame's textured-pixel count. Detection for any
  key runs on these features only, so many keys can be tested against one decoded video cheaply.
- Pilot-based choices (offset, variant, channel and frame weights) never look at data cells, so the data-bit
  signs of an unmarked video stay unbiased whatever they choose.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from safety.wm_codec import derive_rng

CELLS_PER_SIDE = 16
CELLS = CELLS_PER_SIDE * CELLS_PER_SIDE          # per channel
SYNC_CELLS = 16                                  # per channel, shared by all variants
VARIANT_CELLS = 16                               # per channel, signs name the variant
DATA_CELLS = CELLS - SYNC_CELLS - VARIANT_CELLS  # per channel = code bits
CELL_SIZES = (4, 8)
MIN_SIDE = CELLS_PER_SIDE * CELL_SIZES[0]        # 64: smallest frame that holds one small tile

# BT.601 RGB -> YUV (Y in 0..255, U/V centred); embedding adds YUV deltas through the inverse.
RGB_TO_YUV = np.array([[0.299, 0.587, 0.114],
                       [-0.168736, -0.331264, 0.5],
                       [0.5, -0.418688, -0.081312]], dtype=np.float32)
YUV_TO_RGB = np.linalg.inv(RGB_TO_YUV).astype(np.float32)
# Luma pins the alignment more sharply than 4:2:0 chroma, so it counts double when scoring pilots.
_PILOT_CHANNEL_WEIGHTS = np.array([1.0, 0.5, 0.5], dtype=np.float32)


@dataclass(frozen=True)
class PatternConfig:
    strength: float = 0.18           # global scale of the luma amplitudes below
    luma_floor: float = 2.3          # amplitude on flat areas (before `strength`): faint (~0.4 grey level of luma,
                                     # ~1.2 levels of chroma) but never zero, so mostly-flat videos still carry a mark;
                                     # flat areas also survive re-encodes best (the codec's adaptive quantiser spares
                                     # them), which carries a cropped 256² video through CRF 23. Higher floors read
                                     # crops better still but cost SSIM on flat content (2.6: 0.975 on flat clips)
    luma_gain: float = 0.18          # amplitude added per grey level of local std (texture masks the mark)
    luma_max: float = 4.5
    chroma_ratio: float = 3.0        # chroma amplitude relative to luma (chroma survives H.264 better)
    cell_smooth_sigma: float = 0.0   # optional softening of cell edges (pixels)
    texture_window: int = 7          # local std window (pixels) for the embedding strength
    detect_window: int = 21          # the same for the detector's weights: a wider window tracks flat vs textured
                                     # regions more reliably after a re-encode (measured: crop + CRF 23 at 256²)
    highpass_sigma: float = 0.8      # detector removes host content coarser than this: the mark's evidence is its
                                     # cell edges; lower frequencies carry mostly host (1.5 and above measured worse)
    noise_floor: float = 4.0         # detector weight: expected amplitude / (local std^2 + noise_floor^2)
    textured_std: float = 3.0        # a pixel counts as textured above this local std
    sync_whitening: float = 0.7      # 0: plain cross-correlation for sync, 1: phase correlation


@lru_cache(maxsize=8)
def _gaussian_transfer(tile: int, sigma: float) -> np.ndarray:
    """rfft2 transfer function of a Gaussian blur on the tile×tile torus."""
    f, fr = np.fft.fftfreq(tile), np.fft.rfftfreq(tile)
    return np.exp(-2.0 * (np.pi * sigma) ** 2 * (f[:, None] ** 2 + fr[None, :] ** 2))


def cell_size_for(height: int, width: int) -> int:
    return CELL_SIZES[1] if min(height, width) >= CELLS_PER_SIDE * CELL_SIZES[1] else CELL_SIZES[0]


def _balanced_signs(n: int) -> np.ndarray:
    return np.repeat(np.array([1.0, -1.0], dtype=np.float32), n // 2)


def _cyclic_distance(a: tuple[int, int], b: tuple[int, int], tile: int) -> int:
    return max(min((a[i] - b[i]) % tile, (b[i] - a[i]) % tile) for i in range(2))


class Layout:
    """Key-derived cell assignment for one cell size: sync pilot, variant pilots, per-variant data permutations."""

    def __init__(self, key: bytes, n_variants: int, cfg: PatternConfig, cell: int):
        self.cfg, self.n_variants, self.cell = cfg, n_variants, cell
        self.tile = CELLS_PER_SIDE * cell
        rng = derive_rng(key, "layout/pilot")
        pilot = np.stack([rng.permutation(CELLS)[: SYNC_CELLS + VARIANT_CELLS] for _ in range(3)])
        self.sync_cells, self.variant_cells = pilot[:, :SYNC_CELLS], pilot[:, SYNC_CELLS:]
        self.sync_signs = np.stack([rng.permutation(_balanced_signs(SYNC_CELLS)) for _ in range(3)])
        data = np.stack([np.setdiff1d(np.arange(CELLS), pilot[c]) for c in range(3)])
        # data_cells[v, c, k]: the cell of channel c carrying code bit k in variant v; chips[v, c, k] its sign.
        self.data_cells = np.zeros((n_variants, 3, DATA_CELLS), dtype=np.int64)
        self.chips = np.zeros((n_variants, 3, DATA_CELLS), dtype=np.float32)
        self.variant_signs = np.zeros((n_variants, 3, VARIANT_CELLS), dtype=np.float32)
        for v in range(n_variants):
            vr = derive_rng(key, f"layout/variant/{v}")
            for c in range(3):
                self.data_cells[v, c] = vr.permutation(data[c])
                self.chips[v, c] = vr.permutation(_balanced_signs(DATA_CELLS))
                self.variant_signs[v, c] = vr.permutation(_balanced_signs(VARIANT_CELLS))
        sync_grid = np.zeros((3, CELLS), dtype=np.float32)
        np.put_along_axis(sync_grid, self.sync_cells, self.sync_signs, axis=1)
        self._sync_fft = np.fft.rfft2(self._cells_to_tile(sync_grid))

    def _cells_to_tile(self, grid: np.ndarray) -> np.ndarray:
        cells = grid.reshape(3, CELLS_PER_SIDE, CELLS_PER_SIDE)
        return np.kron(cells, np.ones((1, self.cell, self.cell), dtype=np.float32)).astype(np.float32)

    def pattern(self, bits: np.ndarray, variant: int) -> np.ndarray:
        """(3, tile, tile) pattern for code bits (0/1) in the given variant, unit RMS per channel.

        Cells are sharp squares aligned to the codec's 4×4/8×8 transform grid: their energy sits in the block DC
        and lowest AC terms, which H.264 quantises most finely."""
        grid = np.zeros((3, CELLS), dtype=np.float32)
        np.put_along_axis(grid, self.sync_cells, self.sync_signs, axis=1)
        np.put_along_axis(grid, self.variant_cells, self.variant_signs[variant], axis=1)
        symbols = bits.astype(np.float32) * 2.0 - 1.0
        np.put_along_axis(grid, self.data_cells[variant], self.chips[variant] * symbols, axis=1)
        tiles = self._cells_to_tile(grid)
        if self.cfg.cell_smooth_sigma > 0:               # soften cell edges (periodic blur), keep unit RMS
            transfer = _gaussian_transfer(self.tile, self.cfg.cell_smooth_sigma)
            tiles = np.fft.irfft2(np.fft.rfft2(tiles) * transfer, s=(self.tile, self.tile)).astype(np.float32)
            tiles /= np.sqrt(np.mean(tiles * tiles, axis=(1, 2), keepdims=True))
        return tiles

    # ------------------------------------------------------------ detection helpers (batched over frames)
    def cell_maps(self, folded: np.ndarray) -> np.ndarray:
        """(T, 3, tile, tile): at [.., y, x] the sum of the folded residual over the cell whose top-left corner is
        (y, x), cyclically. Cell sums for any alignment are then a strided gather (`cells_at`)."""
        box = np.zeros((self.tile, self.tile), dtype=np.float32)
        box[: self.cell, : self.cell] = 1.0
        spectrum = np.fft.rfft2(folded) * np.conj(np.fft.rfft2(box))
        return np.fft.irfft2(spectrum, s=(self.tile, self.tile)).astype(np.float32)

    def cells_at(self, maps: np.ndarray, offset: tuple[int, int]) -> np.ndarray:
        """(T, 3, CELLS) cell sums at an alignment, in units of their own spread per frame and channel."""
        steps = np.arange(CELLS_PER_SIDE) * self.cell
        rows, cols = (offset[0] + steps) % self.tile, (offset[1] + steps) % self.tile
        cells = maps[:, :, rows][:, :, :, cols].reshape(maps.shape[0], 3, CELLS)
        return cells / (cells.std(axis=2, keepdims=True) + 1e-9)

    def sync_amplitude(self, z: np.ndarray) -> np.ndarray:
        """(T, 3) mean sync-pilot correlation per frame and channel: how much mark each still holds."""
        return (z[:, np.arange(3)[:, None], self.sync_cells] * self.sync_signs).mean(axis=2)

    def variant_scores(self, z: np.ndarray, channel_weights: np.ndarray) -> np.ndarray:
        """(T, n_variants) correlation of each frame's variant-pilot cells with each variant's signs."""
        picked = z[:, np.arange(3)[:, None], self.variant_cells]                     # (T, 3, n)
        return np.einsum("c,vcn,tcn->tv", channel_weights, self.variant_signs, picked)

    def pilot_amplitude(self, z: np.ndarray, variants: np.ndarray) -> np.ndarray:
        """(T, 3) mean correlation of all pilot cells (sync + the frame's variant pilot)."""
        named = (z[:, np.arange(3)[:, None], self.variant_cells] * self.variant_signs[variants]).mean(axis=2)
        return (self.sync_amplitude(z) + named) / 2

    def bit_scores(self, z: np.ndarray, variants: np.ndarray, channel_weights: np.ndarray) -> np.ndarray:
        """(T, DATA_CELLS) soft scores (positive = bit 1) given each frame's variant; channels weighted."""
        frames = np.arange(z.shape[0])[:, None, None]
        picked = z[frames, np.arange(3)[None, :, None], self.data_cells[variants]] * self.chips[variants]
        return np.einsum("c,tck->tk", channel_weights, picked)

    def find_offsets(self, folded: np.ndarray, maps: np.ndarray, peaks: int = 8) -> list[tuple[int, int]]:
        """Two cyclic (dy, dx) alignment estimates of a video's folded residuals (T, 3, tile, tile).

        Coarse: phase-correlate the pooled residual (frames and channels normalised, so host structure repeated
        across frames cannot outshine the pilot) with the sync pilot; its best peak is the first estimate.
        Fine: rank the 3×3 neighbourhoods of the `peaks` best separated maxima by the pilot correlation of their
        cell sums (sync + variant pilots, frame by frame); the best is the second estimate. Pilot cells only."""
        tile = self.tile
        pooled = (folded / (folded.std(axis=(2, 3), keepdims=True) + 1e-9)).sum(axis=0)
        spectrum = (np.fft.rfft2(pooled) * np.conj(self._sync_fft)).sum(axis=0)
        spectrum /= np.abs(spectrum) ** self.cfg.sync_whitening + 1e-9
        corr = np.fft.irfft2(spectrum, s=(tile, tile))
        coarse = []
        for _ in range(peaks):
            dy, dx = np.unravel_index(int(np.argmax(corr)), corr.shape)
            coarse.append((int(dy), int(dx)))
            rows = np.arange(dy - self.cell, dy + self.cell + 1) % tile
            cols = np.arange(dx - self.cell, dx + self.cell + 1) % tile
            corr[np.ix_(rows, cols)] = -np.inf       # the next peak is a different cell alignment
        fine = {((o[0] + dy) % tile, (o[1] + dx) % tile) for o in coarse for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        return [coarse[0], max(sorted(fine), key=lambda o: self._pilot_score(maps, o))]

    def _pilot_score(self, maps: np.ndarray, offset: tuple[int, int]) -> float:
        """Sync + best-variant pilot correlation, summed over frames."""
        z = self.cells_at(maps, offset)
        sync = float((self.sync_amplitude(z) @ _PILOT_CHANNEL_WEIGHTS).sum())
        named = float(self.variant_scores(z, _PILOT_CHANNEL_WEIGHTS).max(axis=1).sum()) / VARIANT_CELLS
        return sync + named


def rgb_to_yuv(rgb: np.ndarray) -> np.ndarray:
    return rgb.astype(np.float32) @ RGB_TO_YUV.T


def luma(rgb: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rgb.astype(np.float32) @ RGB_TO_YUV[0])


def local_std(y: np.ndarray, window: int) -> np.ndarray:
    mean = cv2.blur(y, (window, window))
    sq = cv2.blur(y * y, (window, window))
    return np.sqrt(np.maximum(sq - mean * mean, 0.0))


def _amplitude(std: np.ndarray, cfg: PatternConfig) -> np.ndarray:
    return cfg.strength * np.minimum(cfg.luma_floor + cfg.luma_gain * std, cfg.luma_max)


def strength_map(y: np.ndarray, cfg: PatternConfig) -> np.ndarray:
    """Luma amplitude per pixel: floor on flat areas, more where texture masks it."""
    return cv2.blur(_amplitude(local_std(y, cfg.texture_window), cfg), (5, 5))   # no hard mask edges


def fold(plane: np.ndarray, tile: int) -> np.ndarray:
    h, w = plane.shape
    ph, pw = -h % tile, -w % tile
    if ph or pw:
        plane = np.pad(plane, ((0, ph), (0, pw)))
    return plane.reshape((h + ph) // tile, tile, (w + pw) // tile, tile).sum(axis=(0, 2))


def frame_features(rgb: np.ndarray, cfg: PatternConfig) -> tuple[dict[int, np.ndarray], int]:
    """Per cell size, the folded, weighted high-pass residual (3, tile, tile); and the textured-pixel count."""
    yuv = rgb_to_yuv(rgb)
    std = local_std(np.ascontiguousarray(yuv[..., 0]), cfg.detect_window)
    # Matched weighting: expected mark amplitude over expected interference (texture + codec noise) power.
    weight = _amplitude(std, cfg) / (std * std + cfg.noise_floor ** 2)
    residual = np.empty((3,) + std.shape, dtype=np.float32)
    for c in range(3):
        plane = np.ascontiguousarray(yuv[..., c])
        residual[c] = (plane - cv2.GaussianBlur(plane, (0, 0), cfg.highpass_sigma)) * weight
    folded = {cell: np.stack([fold(r, CELLS_PER_SIDE * cell) for r in residual]) for cell in CELL_SIZES}
    return folded, int(np.count_nonzero(std > cfg.textured_std))
