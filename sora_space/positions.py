"""Absolute position channels for denoisers that need to know where and when each latent cell is.

Contract: `add_position_channels(latents, scale)` takes latents (B, C, T, H, W) and returns (B, C + 3, T, H, W): the
input followed by three constant coordinate maps (time, row, column), each spanning [-scale, scale] over the latent
grid (0 where an axis has a single cell). Same dtype and device as the input; nothing random.

Why: Wan's transformer has only rotary (relative) positions in self-attention and none in cross-attention, so on its
own it cannot tie a text word to an absolute place or moment. The embedded model's captions say exactly that ("moving
right" = starts left, ends right), and without these maps it learned colour but drew the same path for "left" and
"right". The idea is CoordConv's (Liu et al., 2018); the Hub profile does not use it (`position_channels` = 0).
The embedded model uses scale 10: at 1 the noise in a near-pure-noise input drowns the maps
(assets/embedded/MODEL_CARD.md).
"""
from __future__ import annotations

import torch

POSITION_CHANNELS = 3


def _axis(n: int, device, dtype) -> torch.Tensor:
    if n == 1:
        return torch.zeros(1, device=device, dtype=dtype)
    return torch.linspace(-1.0, 1.0, n, device=device, dtype=dtype)


def add_position_channels(latents: torch.Tensor, scale: float = 1.0) -> torch.Tensor:
    b, _, t, h, w = latents.shape
    kw = dict(device=latents.device, dtype=latents.dtype)
    grids = torch.meshgrid(_axis(t, **kw), _axis(h, **kw), _axis(w, **kw), indexing="ij")  # 3 x (T, H, W)
    coords = scale * torch.stack(grids).unsqueeze(0).expand(b, -1, -1, -1, -1)                     # (B, 3, T, H, W)
    return torch.cat([latents, coords], dim=1)                                            # (B, C + 3, T, H, W)
