"""Per-frame patch-PCA codec with a learned sharpening decoder: the embedded model's latent space.

Contract (sora_space.codecs.LatentCodec): video (B, 3, F, H, W) in [-1, 1] <-> latents (B, C, F, H/8, W/8),
normalised per channel to ~zero mean / unit variance (`latent_mean` / `latent_std`). Frames are coded independently
(temporal_factor 1); the DiT's temporal patching compresses time.
- encode: each 8x8x3 pixel patch -> its coordinates on the top-C principal components of this world's patches
  (`fit_pca`, closed form). Linear and fixed, so the latents the DiT trains on never change underneath it.
- decode: the linear PCA reconstruction, plus a small residual conv net (`refiner`, zero-initialised, trained
  afterwards on frames) that restores the sharp edges and shape detail PCA truncation blurs.
Why not a trained conv autoencoder: on a shared 2-core CPU it did not converge in the time available, while PCA is
fitted in seconds and the refiner can train in parallel with the transformer.
Saved as `config.json` + `model.safetensors` in a directory (`save_pretrained` / `from_pretrained`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.nn import functional as F

from sora_space.codecs import LatentCodec


@dataclass(frozen=True)
class FrameCodecConfig:
    latent_channels: int = 12
    patch: int = 8
    refiner_channels: int = 32
    frame_multiple: int = 4   # the paired DiT patches 4 frames per token, so only multiples of 4 can be sampled


class _Res(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.a = nn.Conv2d(ch, ch, 3, padding=1)
        self.b = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.b(F.silu(self.a(F.silu(x))))


class Refiner(nn.Module):
    """Residual sharpening at half resolution (pixel-unshuffled), so no 3x3 conv runs at full resolution."""

    def __init__(self, ch: int):
        super().__init__()
        self.inp = nn.Conv2d(12, ch, 3, padding=1)
        self.body = nn.Sequential(_Res(ch), _Res(ch), nn.SiLU())
        self.out = nn.Conv2d(ch, 12, 3, padding=1)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):  # default init shrinks signals layer by layer; He init keeps them
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.zeros_(m.bias)
        for m in self.modules():
            if isinstance(m, _Res):
                nn.init.zeros_(m.b.weight)
        nn.init.zeros_(self.out.weight)  # starts as the identity: plain PCA decoding

    def forward(self, frames: torch.Tensor) -> torch.Tensor:
        h = self.body(self.inp(F.pixel_unshuffle(frames, 2)))
        return frames + F.pixel_shuffle(self.out(h), 2)


class EmbeddedFrameCodec(LatentCodec):
    temporal_factor = 1
    causal = False

    def __init__(self, config: FrameCodecConfig = FrameCodecConfig()):
        super().__init__()
        self.config = config
        self.latent_channels = config.latent_channels
        self.spatial_factor = config.patch
        dim = 3 * config.patch * config.patch
        self.register_buffer("patch_mean", torch.zeros(dim))
        self.register_buffer("basis", torch.zeros(dim, config.latent_channels))  # orthonormal columns
        self.register_buffer("latent_mean", torch.zeros(1, config.latent_channels, 1, 1, 1))
        self.register_buffer("latent_std", torch.ones(1, config.latent_channels, 1, 1, 1))
        self.refiner = Refiner(config.refiner_channels)

    def check_frames(self, frames: int) -> None:
        super().check_frames(frames)
        if frames % self.config.frame_multiple:
            raise ValueError(f"frames must be a multiple of {self.config.frame_multiple}, got {frames}")

    # -- fitting ------------------------------------------------------------------------------------------------
    @torch.no_grad()
    def fit_pca(self, frames: np.ndarray) -> np.ndarray:
        """Fit the patch basis on frames (N, 3, H, W) in [-1, 1]; sets latent stats; returns explained variance."""
        patches = self._to_patches(torch.from_numpy(frames)).double()
        mean = patches.mean(0)
        cov = torch.cov((patches - mean).T)
        eigval, eigvec = torch.linalg.eigh(cov)
        order = torch.argsort(eigval, descending=True)[: self.latent_channels]
        self.patch_mean.copy_(mean.float())
        self.basis.copy_(eigvec[:, order].float())
        coeff = ((patches - mean) @ eigvec[:, order]).float()
        self.latent_mean.copy_(coeff.mean(0).view_as(self.latent_mean))
        self.latent_std.copy_(coeff.std(0).clamp_min(1e-6).view_as(self.latent_std))
        return (eigval[order].sum() / eigval.sum()).item()

    # -- per-frame maps -----------------------------------------------------------------------------------------
    def _to_patches(self, frames: torch.Tensor) -> torch.Tensor:
        """(N, 3, H, W) -> (N*h*w, 3*p*p)."""
        p = self.config.patch
        n, c, h, w = frames.shape
        x = frames.reshape(n, c, h // p, p, w // p, p).permute(0, 2, 4, 1, 3, 5)
        return x.reshape(-1, c * p * p)

    def encode_frames(self, frames: torch.Tensor) -> torch.Tensor:
        """(N, 3, H, W) -> unnormalised PCA coefficients (N, C, H/p, W/p)."""
        n, _, h, w = frames.shape
        p = self.config.patch
        coeff = (self._to_patches(frames) - self.patch_mean) @ self.basis
        return coeff.reshape(n, h // p, w // p, -1).permute(0, 3, 1, 2)

    def linear_decode_frames(self, z: torch.Tensor) -> torch.Tensor:
        n, c, h, w = z.shape
        p = self.config.patch
        patches = z.permute(0, 2, 3, 1).reshape(-1, c) @ self.basis.T + self.patch_mean
        x = patches.reshape(n, h, w, 3, p, p).permute(0, 3, 1, 4, 2, 5)
        return x.reshape(n, 3, h * p, w * p)

    def decode_frames(self, z: torch.Tensor) -> torch.Tensor:
        """Unnormalised (N, C, h, w) -> (N, 3, 8h, 8w), not clamped."""
        return self.refiner(self.linear_decode_frames(z))

    # -- LatentCodec contract --------------------------------------------------------------------------------
    def encode(self, video: torch.Tensor) -> torch.Tensor:
        b, _, f, h, w = video.shape
        self.latent_shape(f, h, w)  # validates sizes
        frames = video.permute(0, 2, 1, 3, 4).reshape(b * f, 3, h, w)
        z = self.encode_frames(frames.to(self.basis.dtype))
        z = z.reshape(b, f, *z.shape[1:]).permute(0, 2, 1, 3, 4)
        return (z - self.latent_mean) / self.latent_std

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        b, c, t, h, w = latents.shape
        z = latents.to(self.basis.dtype) * self.latent_std + self.latent_mean
        frames = self.decode_frames(z.permute(0, 2, 1, 3, 4).reshape(b * t, c, h, w))
        video = frames.reshape(b, t, 3, frames.shape[-2], frames.shape[-1]).permute(0, 2, 1, 3, 4)
        return video.clamp(-1.0, 1.0)

    def save_pretrained(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        config = {"codec": type(self).__name__, **asdict(self.config)}
        (directory / "config.json").write_text(json.dumps(config, indent=2))
        save_file({k: v.detach().contiguous().cpu() for k, v in self.state_dict().items()},
                  str(directory / "model.safetensors"))

    @classmethod
    def from_pretrained(cls, directory: str | Path, **kwargs) -> "EmbeddedFrameCodec":
        directory = Path(directory)
        raw = json.loads((directory / "config.json").read_text())
        config = FrameCodecConfig(**{k: raw[k] for k in asdict(FrameCodecConfig()) if k in raw})
        codec = cls(config)
        codec.load_state_dict(load_file(str(directory / "model.safetensors")))
        return codec.eval()
