"""Latent codecs: the map between videos in [-1, 1] and the latents the sampler denoises.

Contract: a codec is an `nn.Module` with
- `latent_channels`, `temporal_factor`, `spatial_factor`, `causal` (causal codecs take 1 + k*temporal_factor frames),
- `latent_shape(frames, height, width) -> (C, T, h, w)` and `check_frames(frames)` (ValueError when unsupported),
- `encode(video (B, 3, F, H, W) in [-1, 1]) -> latents (B, C, T, h, w)`, normalised to roughly unit variance,
- `decode(latents) -> video (B, 3, F, H, W)` in [-1, 1],
- `save_pretrained(dir)` / `from_pretrained(dir)`.
`PixelCodec` is the identity (pixel-space models); `WanVAECodec` wraps diffusers' `AutoencoderKLWan` with the
per-channel latent mean/std that WanPipeline applies.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn


class LatentCodec(nn.Module):
    latent_channels: int = 3
    temporal_factor: int = 1
    spatial_factor: int = 1
    causal: bool = False

    def check_frames(self, frames: int) -> None:
        if frames < 1:
            raise ValueError(f"frames must be at least 1, got {frames}")
        if self.causal and (frames - 1) % self.temporal_factor != 0:
            raise ValueError(f"frames must be 1 + a multiple of {self.temporal_factor}, got {frames}")
        if not self.causal and frames % self.temporal_factor != 0:
            raise ValueError(f"frames must be a multiple of {self.temporal_factor}, got {frames}")

    def latent_frames(self, frames: int) -> int:
        self.check_frames(frames)
        return (frames - 1) // self.temporal_factor + 1 if self.causal else frames // self.temporal_factor

    def video_frames(self, latent_frames: int) -> int:
        return (latent_frames - 1) * self.temporal_factor + 1 if self.causal else latent_frames * self.temporal_factor

    def latent_shape(self, frames: int, height: int, width: int) -> tuple[int, int, int, int]:
        for name, value in (("height", height), ("width", width)):
            if value % self.spatial_factor:
                raise ValueError(f"{name} must be a multiple of {self.spatial_factor}, got {value}")
        return (self.latent_channels, self.latent_frames(frames),
                height // self.spatial_factor, width // self.spatial_factor)

    def encode(self, video: torch.Tensor) -> torch.Tensor:  # (B, 3, F, H, W) -> (B, C, T, h, w)
        raise NotImplementedError

    def decode(self, latents: torch.Tensor) -> torch.Tensor:  # (B, C, T, h, w) -> (B, 3, F, H, W)
        raise NotImplementedError

    def save_pretrained(self, directory: str | Path) -> None:
        raise NotImplementedError

    @classmethod
    def from_pretrained(cls, directory: str | Path, **kwargs) -> "LatentCodec":
        raise NotImplementedError


class PixelCodec(LatentCodec):
    """Identity codec for models that denoise pixels directly."""

    latent_channels = 3

    def encode(self, video: torch.Tensor) -> torch.Tensor:
        return video

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        return latents.clamp(-1.0, 1.0)

    def save_pretrained(self, directory: str | Path) -> None:
        Path(directory).mkdir(parents=True, exist_ok=True)
        (Path(directory) / "config.json").write_text(json.dumps({"codec": "pixel"}))

    @classmethod
    def from_pretrained(cls, directory: str | Path, **kwargs) -> "PixelCodec":
        return cls()


class WanVAECodec(LatentCodec):
    """diffusers' AutoencoderKLWan with WanPipeline's latent normalisation: z_norm = (z - mean) / std."""

    causal = True

    def __init__(self, vae, tiling: bool = False):
        super().__init__()
        self.vae = vae
        cfg = vae.config
        self.latent_channels = cfg.z_dim
        self.temporal_factor = 2 ** sum(cfg.temperal_downsample)
        self.spatial_factor = 2 ** len(cfg.temperal_downsample)
        self.register_buffer("mean", torch.tensor(cfg.latents_mean).view(1, cfg.z_dim, 1, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(cfg.latents_std).view(1, cfg.z_dim, 1, 1, 1), persistent=False)
        if tiling:
            # Tiling bounds decode memory on large frames; it is exact enough for display (diffusers blends tiles).
            vae.enable_tiling()

    def encode(self, video: torch.Tensor) -> torch.Tensor:
        dtype = self.vae.dtype
        z = self.vae.encode(video.to(dtype)).latent_dist.mode()
        return ((z - self.mean.to(z)) / self.std.to(z)).float()

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        dtype = self.vae.dtype
        z = latents.to(dtype) * self.std.to(device=latents.device, dtype=dtype) + self.mean.to(
            device=latents.device, dtype=dtype)
        return self.vae.decode(z, return_dict=False)[0].float().clamp(-1.0, 1.0)

    def save_pretrained(self, directory: str | Path) -> None:
        self.vae.save_pretrained(directory)

    @classmethod
    def from_pretrained(cls, directory: str | Path, *, torch_dtype=torch.float32, tiling: bool = False,
                        subfolder: str | None = None, **kwargs) -> "WanVAECodec":
        from diffusers import AutoencoderKLWan

        vae = AutoencoderKLWan.from_pretrained(directory, subfolder=subfolder, torch_dtype=torch_dtype, **kwargs)
        return cls(vae, tiling=tiling)
