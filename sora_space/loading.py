"""Model loading: a profile name -> ready components, loaded lazily, once per process, and reused.

Contract: `load_components(profile)` uses `from_pretrained` on the profile's `source` for every kind, so a Hub id
(`Wan-AI/Wan2.1-T2V-1.3B-Diffusers`) and a local directory saved with `save_pretrained` take the same code path.
The embedded profile loads `assets/embedded/` when trained weights are shipped, else builds a tiny random model that
the UI labels as untrained. `load_engine(name)` caches one `VideoEngine` per (profile, device).
"""
from __future__ import annotations

import importlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from .codecs import LatentCodec, PixelCodec, WanVAECodec
from .config import ModelProfile, Settings, choose_default_profile, get_profile
from .text_encoders import MiniLMTextEncoder, UMT5TextEncoder

log = logging.getLogger(__name__)

DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}


@dataclass
class Components:
    """What one profile needs to turn text into frames."""

    profile: ModelProfile
    transformer: torch.nn.Module
    codec: LatentCodec
    text_encoder: object          # has .encode(list[str]) -> (B, L, D)
    scheduler: object             # diffusers flow-matching scheduler
    device: torch.device
    dtype: torch.dtype            # transformer compute dtype


def pick_device(settings: Settings | None = None) -> torch.device:
    if settings and settings.device:
        return torch.device(settings.device)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _load_scheduler(source: str | Path, subfolder: str | None, flow_shift: float | None):
    """The scheduler class the checkpoint names, with the profile's shift applied."""
    import diffusers
    from huggingface_hub import hf_hub_download

    local = Path(source) / (subfolder or "") / "scheduler_config.json"
    path = local if local.exists() else Path(hf_hub_download(str(source), "scheduler_config.json",
                                                             subfolder=subfolder))
    cls = getattr(diffusers, json.loads(path.read_text())["_class_name"])
    scheduler = cls.from_pretrained(source, subfolder=subfolder)
    if flow_shift is not None:
        key = "flow_shift" if "flow_shift" in scheduler.config else "shift"
        scheduler = cls.from_config(scheduler.config, **{key: flow_shift})
    return scheduler


def _load_wan(profile: ModelProfile, device: torch.device, dtype: torch.dtype) -> Components:
    from diffusers import WanTransformer3DModel

    # from_pretrained keeps `_keep_in_fp32_modules` (norms, rope, time embedder) in fp32 under fp16.
    transformer = WanTransformer3DModel.from_pretrained(profile.source, subfolder="transformer", torch_dtype=dtype)
    vae_dtype = DTYPES[profile.vae_dtype]
    codec = WanVAECodec.from_pretrained(profile.source, subfolder="vae", torch_dtype=vae_dtype,
                                        tiling=profile.vae_tiling and device.type == "cuda")
    # UMT5 overflows in fp16; bf16 on GPU keeps its range, fp32 on CPU.
    text_dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    text_encoder = UMT5TextEncoder(profile.source, max_length=profile.text_max_length, device=device,
                                   dtype=text_dtype)
    scheduler = _load_scheduler(profile.source, "scheduler", profile.flow_shift)
    return Components(profile, transformer.to(device).eval(), codec.to(device).eval(), text_encoder, scheduler,
                      device, dtype)


def build_random_embedded_transformer(seed: int = 0):
    """A tiny random WanTransformer3DModel for the embedded profile before trained weights ship."""
    from diffusers import WanTransformer3DModel

    torch.manual_seed(seed)
    return WanTransformer3DModel(
        patch_size=(1, 8, 8), num_attention_heads=2, attention_head_dim=32, in_channels=3, out_channels=3,
        text_dim=MiniLMTextEncoder.dim, freq_dim=64, ffn_dim=128, num_layers=2, rope_max_seq_len=64,
    )


def _load_embedded(profile: ModelProfile, device: torch.device, dtype: torch.dtype) -> Components:
    from diffusers import FlowMatchEulerDiscreteScheduler, WanTransformer3DModel

    root = Path(profile.source)
    if profile.trained:
        transformer = WanTransformer3DModel.from_pretrained(root / "transformer", torch_dtype=dtype)
        if profile.codec_class:
            module, _, name = profile.codec_class.partition(":")
            codec = getattr(importlib.import_module(module), name).from_pretrained(root / "codec")
        else:
            codec = PixelCodec()
        scheduler = _load_scheduler(root, "scheduler", None)
    else:
        log.warning("embedded profile: no trained weights in %s; using a tiny random model", root)
        transformer = build_random_embedded_transformer()  # fp32: the embedded profile runs on CPU
        codec = PixelCodec()
        scheduler = FlowMatchEulerDiscreteScheduler(shift=3.0)
    expected = codec.latent_channels + profile.position_channels
    if transformer.config.in_channels != expected:  # a profile.json that does not match its weights
        raise ValueError(f"embedded profile in {root}: the transformer takes {transformer.config.in_channels} input "
                         f"channels, but the codec gives {codec.latent_channels} and profile.json's "
                         f"`position_channels` = {profile.position_channels} adds {profile.position_channels}")
    text_encoder = MiniLMTextEncoder(max_length=profile.text_max_length, device=device)
    return Components(profile, transformer.to(device).eval(), codec.to(device).eval(), text_encoder, scheduler,
                      device, dtype)


def load_components(profile: ModelProfile, device: torch.device | None = None) -> Components:
    device = device or pick_device()
    dtype = DTYPES[profile.gpu_dtype] if device.type == "cuda" else torch.float32
    started = time.perf_counter()
    loader = {"wan": _load_wan, "embedded": _load_embedded}[profile.kind]
    components = loader(profile, device, dtype)
    if profile.cache:
        enable_transformer_cache(components.transformer, profile.cache)
    log.info("loaded profile %s on %s/%s in %.1fs", profile.name, device, dtype, time.perf_counter() - started)
    return components


def enable_transformer_cache(transformer, cache: dict) -> None:
    """Switch on a diffusers cache hook described by a profile's `cache` dict."""
    from diffusers.hooks import FirstBlockCacheConfig

    kinds = {"first_block": FirstBlockCacheConfig}
    options = {k: v for k, v in cache.items() if k != "kind"}
    transformer.enable_cache(kinds[cache["kind"]](**options))


_ENGINES: dict[tuple[str, str], object] = {}
_ENGINES_LOCK = threading.Lock()


def load_engine(name: str | None = None, settings: Settings | None = None):
    """The shared `VideoEngine` for a profile (default: chosen from settings), loaded on first use."""
    from .engine import VideoEngine

    settings = settings or Settings.from_env()
    name = name or choose_default_profile(settings)
    device = pick_device(settings)
    key = (name, str(device))
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = VideoEngine(load_components(get_profile(name), device))
        return _ENGINES[key]
