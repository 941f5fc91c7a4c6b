"""Per-frame convolutional autoencoder: the embedded model's latent space.

Contract (sora_space.codecs.LatentCodec): video (B, 3, F, H, W) in [-1, 1] <-> latents (B, C, F, H/8, W/8)
normalised per channel to ~zero mean / unit variance (the stored `latent_mean` / `latent_std`). Frames are coded
independently (temporal_factor 1, any frame count); the DiT's temporal patching compresses time. Why per-frame: a 2D
AE trains on shuffled frames, which is several times cheaper on a CPU than a 3D one, and this world's frames are
simple enough for 6 numbers per 8x8 pixel cell.
Saved as `config.json` + `model.safetensors` in a directory (`save_pretrained` / `from_pretrained`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.nn import functional as F

from sora_space.codecs import LatentCodec


@dataclass(frozen=True)
class FrameCodecConfig:
    latent_channels: int = 6
    channels: tuple[int, int, int] = (32, 48, 96)  # widths at 1/2, 1/4, 1/8 resolution


class _Res(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        self.a = nn.Conv2d(ch, ch, 3, padding=1)
        self.b = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.b(F.silu(self.a(F.silu(x))))


def _conv(ci: int, co: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(ci, co, 3, stride=stride, padding=1), nn.SiLU())


class EmbeddedFrameCodec(LatentCodec):
    temporal_factor = 1
    spatial_factor = 8
    causal = False

    def __init__(self, config: FrameCodecConfig = FrameCodecConfig()):
        super().__init__()
        self.config = config
        self.latent_channels = config.latent_channels
        c1, c2, c3 = config.channels
        # Pixel (un)shuffle keeps full-resolution work tiny: no 3x3 convolution runs at 64x64.
        self.encoder = nn.Sequential(
            nn.PixelUnshuffle(2), _conv(12, c1), _conv(c1, c2, 2), _conv(c2, c2), _conv(c2, c3, 2), _conv(c3, c3),
            nn.Conv2d(c3, config.latent_channels, 1))
        self.decoder = nn.Sequential(
            nn.Conv2d(config.latent_channels, c3, 3, padding=1), _Res(c3), nn.SiLU(), nn.Upsample(scale_factor=2),
            _conv(c3, c2), _conv(c2, c2), nn.Upsample(scale_factor=2),
            _conv(c2, c1), nn.Conv2d(c1, 12, 3, padding=1), nn.PixelShuffle(2))
        self.register_buffer("latent_mean", torch.zeros(1, config.latent_channels, 1, 1, 1))
        self.register_buffer("latent_std", torch.ones(1, config.latent_channels, 1, 1, 1))

    # -- raw per-frame maps (training) -------------------------------------------------------------------------
    def encode_frames(self, frames: torch.Tensor) -> torch.Tensor:
        """(N, 3, H, W) -> unnormalised (N, C, H/8, W/8)."""
        return self.encoder(frames)

    def decode_frames(self, z: torch.Tensor) -> torch.Tensor:
        """Unnormalised (N, C, h, w) -> (N, 3, 8h, 8w), not clamped."""
        return self.decoder(z)

    # -- LatentCodec contract --------------------------------------------------------------------------------
    def encode(self, video: torch.Tensor) -> torch.Tensor:
        b, _, f, h, w = video.shape
        self.latent_shape(f, h, w)  # validates sizes
        frames = video.permute(0, 2, 1, 3, 4).reshape(b * f, 3, h, w)
        z = self.encode_frames(frames.to(self.latent_mean.dtype))
        z = z.reshape(b, f, *z.shape[1:]).permute(0, 2, 1, 3, 4)
        return (z - self.latent_mean) / self.latent_std

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        b, c, t, h, w = latents.shape
        z = latents.to(self.latent_mean.dtype) * self.latent_std + self.latent_mean
        frames = self.decode_frames(z.permute(0, 2, 1, 3, 4).reshape(b * t, c, h, w))
        video = frames.reshape(b, t, 3, frames.shape[-2], frames.shape[-1]).permute(0, 2, 1, 3, 4)
        return video.clamp(-1.0, 1.0)

    def set_latent_stats(self, mean: torch.Tensor, std: torch.Tensor) -> None:
        self.latent_mean.copy_(mean.reshape(self.latent_mean.shape))
        self.latent_std.copy_(std.reshape(self.latent_std.shape))

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
        config = FrameCodecConfig(latent_channels=int(raw["latent_channels"]), channels=tuple(raw["channels"]))
        codec = cls(config)
        codec.load_state_dict(load_file(str(directory / "model.safetensors")))
        return codec.eval()
