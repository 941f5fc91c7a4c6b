"""Configuration: frozen dataclasses, the registry of named model profiles, and the one place env vars are read.

Contract:
- `Settings.from_env()` is the only code that reads `os.environ` for app behaviour; everything else takes a
  `Settings` or a `ModelProfile`.
- `PROFILES` maps a name to a `ModelProfile`; `get_profile(name)` also fills the embedded profile from
  `assets/embedded/profile.json` when the trained weights are shipped.
- `choose_default_profile(settings)` picks the Hub model when CUDA is present and its weights are cached or
  reachable, else `embedded`; `SORA_MODEL` / `--model` override it.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_DIR = REPO_ROOT / "assets" / "embedded"
MAX_PROMPT_CHARS = 2000


@dataclass(frozen=True)
class SizePreset:
    label: str
    width: int
    height: int


@dataclass(frozen=True)
class ModelProfile:
    """Everything that differs between models; the sampler and pipeline read only this."""

    name: str
    label: str                      # shown in the UI footer
    kind: str                       # "wan" (diffusers Wan components) or "embedded" (repo-shipped DiT)
    source: str                     # Hub id or local directory passed to from_pretrained
    sizes: tuple[SizePreset, ...]
    frames: int                     # default frame count
    frames_max: int
    fps: int
    steps: int                      # default denoising steps
    guidance: float                 # default CFG scale
    text_max_length: int
    negative_prompt: str = ""
    frame_step: int = 1              # frame counts the codec takes: 1 + k*step (causal video VAE) or k*step
    steps_max: int = 100
    guidance_max: float = 20.0
    flow_shift: float | None = None  # overrides the scheduler's shift when set
    gpu_dtype: str = "float16"       # transformer dtype on CUDA
    fallback_dtype: str = "bfloat16"  # used when the gpu dtype produces non-finite latents
    vae_dtype: str = "float32"
    vae_tiling: bool = True
    cache: dict | None = None        # e.g. {"kind": "first_block", "threshold": 0.05}; None = off
    display_scale: int = 1           # nearest-neighbour/bicubic upsample factor for the MP4 shown to users
    recaptioner: str = "none"        # "llm", "embedded" or "none"
    trained: bool = True             # False: random weights, labelled as such in the UI
    codec_class: str | None = None   # "module:Class" of a custom codec (embedded), None = pixel space / Wan VAE
    position_channels: int = 0       # (t, y, x) maps appended to the denoiser input (sora_space.positions); 0 = none
    position_scale: float = 1.0      # the maps span [-scale, scale]
    # NudeNet threshold for this model's own output (uploads use the strict default, except byte-identical copies
    # of a video the app recorded with this model); None = the default.
    # Set only from a measurement of the model's false positives (bench/frame_false_positives.py).
    generated_nudity_threshold: float | None = None

    @property
    def default_size(self) -> SizePreset:
        return self.sizes[0]

    def size(self, label: str) -> SizePreset:
        for preset in self.sizes:
            if preset.label == label:
                return preset
        raise KeyError(label)


WAN_NEGATIVE = ("Bright tones, overexposed, static, blurred details, subtitles, worst quality, low quality, "
                "JPEG compression residue, ugly, deformed, disfigured, extra fingers, still picture, cluttered background")

PROFILES: dict[str, ModelProfile] = {
    "wan2.1-1.3b": ModelProfile(
        name="wan2.1-1.3b",
        label="Wan2.1 T2V 1.3B (Wan-AI/Wan2.1-T2V-1.3B-Diffusers)",
        kind="wan",
        source="Wan-AI/Wan2.1-T2V-1.3B-Diffusers",
        sizes=(SizePreset("480p landscape", 832, 480), SizePreset("480p portrait", 480, 832),
               SizePreset("480p square", 624, 624)),
        frames=81, frames_max=81, fps=16, frame_step=4, steps=30, guidance=5.0, text_max_length=512,
        negative_prompt=WAN_NEGATIVE, flow_shift=3.0,
        cache={"kind": "first_block", "threshold": 0.05}, recaptioner="llm",
    ),
    "embedded": ModelProfile(
        name="embedded",
        label="Embedded CPU model (untrained: random weights)",
        kind="embedded",
        source=str(EMBEDDED_DIR),
        sizes=(SizePreset("64×64", 64, 64),),
        frames=16, frames_max=16, fps=8, steps=20, guidance=4.0, text_max_length=32,
        steps_max=60, vae_tiling=False, display_scale=4, recaptioner="embedded", trained=False,
    ),
}

# NudeNet threshold for the shipped embedded weights' own output. That model only ever saw the procedural shape
# world, yet NudeNet scores 1-5 % of its (v6) videos >= 0.4, the default (pale triangles on navy, even the app's own
# example red circle, read as genitalia), and each one was withheld; the highest score over 1020 videos, grid and app
# prompts, was 0.61 for v6 (bench/frame_false_positives.py, MODEL_CARD.md). Uploads that condition it (Remix, Extend,
# Blend) are still checked at the strict default before use, except byte-identical copies of this model's output.
EMBEDDED_GENERATED_NUDITY_THRESHOLD = 0.7


def get_profile(name: str) -> ModelProfile:
    """The named profile; the embedded one takes its sizes and defaults from the shipped `profile.json`."""
    if name not in PROFILES:
        raise KeyError(name)
    profile = PROFILES[name]
    if profile.kind == "embedded":
        meta_path = Path(profile.source) / "profile.json"
        if meta_path.exists() and (Path(profile.source) / "transformer").exists():
            meta = json.loads(meta_path.read_text())
            profile = replace(
                profile,
                label=meta.get("label", "Embedded CPU model (trained in this repo)"),
                sizes=(SizePreset(f"{meta['width']}×{meta['height']}", meta["width"], meta["height"]),),
                frames=meta["frames"], frames_max=meta["frames"], fps=meta["fps"], steps=meta["steps"],
                guidance=meta["guidance"], text_max_length=meta.get("text_max_length", 32),
                display_scale=meta.get("display_scale", profile.display_scale),
                codec_class=meta.get("codec_class"), position_channels=meta.get("position_channels", 0),
                position_scale=meta.get("position_scale", 1.0), trained=True,
                generated_nudity_threshold=EMBEDDED_GENERATED_NUDITY_THRESHOLD,
            )
    return profile


def _env_flag(env, name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Process-wide settings, read once from the environment."""

    model: str | None = None                 # SORA_MODEL: force a profile
    device: str | None = None                # SORA_DEVICE: "cpu" or "cuda"; None = auto
    output_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "sora_space_outputs")
    output_ttl_s: float = 3600.0             # SORA_OUTPUT_TTL_S: outputs older than this are deleted
    watermark_key: str | None = None         # SORA_WATERMARK_KEY (Space secret); None = development key
    provenance_db: Path | None = None        # SORA_PROVENANCE_DB; default /data/... on a Space with storage
    store_prompts: bool = False              # SORA_STORE_PROMPTS: keep prompt text in provenance records
    enhance_prompts: bool = True             # SORA_ENHANCE: recaptioner on by default
    space_id: str | None = None              # SPACE_ID: set by Hugging Face on a Space
    hf_offline: bool = False                 # HF_HUB_OFFLINE
    moderation_hub_model: str | None = None  # SORA_MODERATION_MODEL: optional Hub safety classifier
    clip_pretrained: str | None = "laion2b_s34b_b79k"  # SORA_CLIP_PRETRAINED ("none" disables CLIP)
    max_upload_mb: float = 200.0             # SORA_MAX_UPLOAD_MB
    max_upload_seconds: float = 60.0         # SORA_MAX_UPLOAD_SECONDS
    zero_gpu: bool = False                   # SPACES_ZERO_GPU: set by Hugging Face on ZeroGPU Spaces
    rate_limit_per_min: int = 12             # SORA_RATE_LIMIT: generation requests per client per minute (0 = off)
    queue_size: int = 32                     # SORA_QUEUE_SIZE: waiting jobs before "queue full"
    c2pa_cert: Path | None = None            # SORA_C2PA_CERT: PEM chain for C2PA signing (None: dev credential)
    c2pa_key: Path | None = None             # SORA_C2PA_KEY: its ES256 private key (PEM)

    @property
    def on_space(self) -> bool:
        return bool(self.space_id)

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Settings":
        env = os.environ if env is None else env
        out = env.get("SORA_OUTPUT_DIR")
        db = env.get("SORA_PROVENANCE_DB")
        if not db and Path("/data").is_dir() and os.access("/data", os.W_OK):
            db = "/data/sora_space/provenance.sqlite"  # the Space's persistent volume
        clip = env.get("SORA_CLIP_PRETRAINED", "laion2b_s34b_b79k")
        return cls(
            model=env.get("SORA_MODEL") or None,
            device=env.get("SORA_DEVICE") or None,
            output_dir=Path(out) if out else cls().output_dir,
            output_ttl_s=float(env.get("SORA_OUTPUT_TTL_S", 3600)),
            watermark_key=env.get("SORA_WATERMARK_KEY") or None,
            provenance_db=Path(db) if db else None,
            store_prompts=_env_flag(env, "SORA_STORE_PROMPTS", False),
            enhance_prompts=_env_flag(env, "SORA_ENHANCE", True),
            space_id=env.get("SPACE_ID") or None,
            hf_offline=_env_flag(env, "HF_HUB_OFFLINE", False),
            moderation_hub_model=env.get("SORA_MODERATION_MODEL") or None,
            clip_pretrained=None if clip.lower() in ("", "none") else clip,
            max_upload_mb=float(env.get("SORA_MAX_UPLOAD_MB", 200)),
            max_upload_seconds=float(env.get("SORA_MAX_UPLOAD_SECONDS", 60)),
            zero_gpu=_env_flag(env, "SPACES_ZERO_GPU", False),
            rate_limit_per_min=int(env.get("SORA_RATE_LIMIT", 12)),
            queue_size=int(env.get("SORA_QUEUE_SIZE", 32)),
            c2pa_cert=Path(env["SORA_C2PA_CERT"]) if env.get("SORA_C2PA_CERT") else None,
            c2pa_key=Path(env["SORA_C2PA_KEY"]) if env.get("SORA_C2PA_KEY") else None,
        )

    def resolved_provenance_db(self) -> Path:
        return self.provenance_db or (self.output_dir / "provenance.sqlite")


def hub_weights_available(repo_id: str, offline: bool) -> bool:
    """True when the Hub repo's weights are in the local cache, or (online) the Hub answers for it."""
    try:
        from huggingface_hub import model_info, try_to_load_from_cache

        cached = try_to_load_from_cache(repo_id, "model_index.json")
        if isinstance(cached, str):
            return True
        if offline:
            return False
        model_info(repo_id, timeout=5)
        return True
    except Exception as exc:  # no network, no such repo, no huggingface_hub: all mean "not available"
        log.info("hub weights for %s unavailable: %s", repo_id, type(exc).__name__)
        return False


def hub_reachable(timeout_s: float = 3.0) -> bool:
    """A quick check that the Hugging Face Hub answers (so offline laptops fail fast instead of retrying)."""
    import socket

    try:
        with socket.create_connection(("huggingface.co", 443), timeout=timeout_s):
            return True
    except OSError:
        return False


def choose_default_profile(settings: Settings, cuda_available: bool | None = None) -> str:
    """Profile name to use: explicit override, else the Hub model on a GPU with weights, else `embedded`."""
    if settings.model:
        if settings.model not in PROFILES:
            raise KeyError(settings.model)
        return settings.model
    if cuda_available is None:
        import torch

        cuda_available = torch.cuda.is_available()
    hub = PROFILES["wan2.1-1.3b"]
    if cuda_available and hub_weights_available(hub.source, settings.hf_offline):
        log.info("default profile: %s (CUDA present, weights available)", hub.name)
        return hub.name
    log.info("default profile: embedded (cuda=%s)", cuda_available)
    return "embedded"
