"""Per-frame text conditioning for the Wan transformer (Storyboard cards, Blend prompt ramps).

Contract: `per_frame_prompts(transformer, weights, grid)` is a context manager. Inside it, the transformer expects
`encoder_hidden_states` made of K prompts concatenated along the token axis, `(B, K*L, D)`, and every video token
cross-attends to each prompt separately; the K results are mixed with that token's frame weights
(`weights`: `(T', K)` over the transformer's latent frames, rows summing to 1). With K = 1 this is exactly the
stock cross-attention. The original processors are restored on exit.
"""
from __future__ import annotations

import contextlib

import torch


class PerFramePromptAttention:
    """Wraps a cross-attention processor: one attention per prompt, mixed per token by frame weights."""

    def __init__(self, inner, token_weights: torch.Tensor, num_prompts: int):
        self.inner = inner
        self.token_weights = token_weights      # (N, K), N = T' * H' * W' tokens in transformer order
        self.num_prompts = num_prompts

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, rotary_emb=None):
        k = self.num_prompts
        length = encoder_hidden_states.shape[1] // k
        mixed = 0
        for i in range(k):
            text = encoder_hidden_states[:, i * length:(i + 1) * length]          # (B, L, D)
            out = self.inner(attn, hidden_states, text, attention_mask, rotary_emb)  # (B, N, D)
            # to_out is affine and the weights sum to 1, so mixing after it equals mixing the attention outputs.
            mixed = mixed + self.token_weights[None, :, i:i + 1].to(out.dtype) * out
        return mixed


def token_weights(frame_weights: torch.Tensor, grid: tuple[int, int, int]) -> torch.Tensor:
    """(T', K) frame weights -> (T'*H'*W', K) token weights (tokens are flattened T, H, W-major)."""
    t, h, w = grid
    if frame_weights.shape[0] != t:
        raise ValueError(f"weights cover {frame_weights.shape[0]} latent frames, the grid has {t}")
    return frame_weights.repeat_interleave(h * w, dim=0)


@contextlib.contextmanager
def per_frame_prompts(transformer, frame_weights: torch.Tensor, grid: tuple[int, int, int]):
    weights = token_weights(frame_weights.float(), grid)
    originals = []
    for block in transformer.blocks:
        originals.append(block.attn2.processor)
        block.attn2.set_processor(PerFramePromptAttention(block.attn2.processor, weights.to(
            next(transformer.parameters()).device), frame_weights.shape[1]))
    try:
        yield
    finally:
        for block, processor in zip(transformer.blocks, originals):
            block.attn2.set_processor(processor)
