"""Builds the real component stack for the app and the CLI: engine, moderators, recaptioner, watermark, provenance.

Contract: `build_stages(settings, profile_name)` returns `pipeline.Stages` with every component constructed cheaply;
models load lazily on first use and are cached per process (`get_stages` keeps one stack per profile).
`safety_status(stages)` loads each safety component once and reports which ones run, so the UI can show a banner
and the pipeline fails closed when one is missing. This is the one place that maps `Settings` onto component
configs.
"""
from __future__ import annotations

import logging
import threading

from .config import Settings, get_profile, hub_reachable
from .loading import load_engine
from .pipeline import Stages

log = logging.getLogger(__name__)

_STACKS: dict[str, Stages] = {}
_LOCK = threading.Lock()


def make_recaptioner(profile, settings: Settings):
    from .recaption import LLMRecaptioner, PassthroughRecaptioner

    if profile.recaptioner == "embedded":
        from .embedded.recaption import EmbeddedRecaptioner

        return EmbeddedRecaptioner()
    if profile.recaptioner == "llm":
        return LLMRecaptioner()
    return PassthroughRecaptioner()


def build_stages(settings: Settings, profile_name: str | None = None) -> Stages:
    from safety.frames import FrameModerationConfig, FrameModerator
    from safety.moderation import ModerationConfig, PromptModerator
    from safety.provenance import ProvenanceStore
    from safety.watermark import DEV_KEY, Watermarker

    if not settings.hf_offline and not settings.on_space and not hub_reachable():
        # Without this, each Hub-backed component (CLIP, the enhancer) retries downloads for a minute first.
        import huggingface_hub.constants

        huggingface_hub.constants.HF_HUB_OFFLINE = True
        log.warning("the Hugging Face Hub is unreachable: running offline (cached or shipped weights only)")
    engine = load_engine(profile_name, settings)
    if settings.watermark_key is None:
        log.warning("SORA_WATERMARK_KEY is not set: using the development watermark key (set a secret on a Space)")
    from safety.c2pa_manifest import C2paSigner

    if settings.c2pa_cert and settings.c2pa_key:
        content_credentials = C2paSigner(settings.c2pa_cert.read_bytes(), settings.c2pa_key.read_bytes())
    else:
        log.warning("SORA_C2PA_CERT/SORA_C2PA_KEY not set: C2PA manifests are signed with a development credential")
        content_credentials = C2paSigner()
    db = settings.resolved_provenance_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    return Stages(
        engine=engine,
        prompt_moderator=PromptModerator(ModerationConfig(hub_model_id=settings.moderation_hub_model)),
        recaptioner=make_recaptioner(engine.profile, settings),
        frame_moderator=FrameModerator(FrameModerationConfig(
            use_clip=settings.clip_pretrained is not None, clip_pretrained=settings.clip_pretrained,
            require_clip=settings.on_space, generated_nudity_threshold=engine.profile.generated_nudity_threshold)),
        watermarker=Watermarker(settings.watermark_key or DEV_KEY),
        provenance=ProvenanceStore(db),
        settings=settings,
        content_credentials=content_credentials,
    )


def get_stages(settings: Settings | None = None, profile_name: str | None = None) -> Stages:
    """The process-wide stack for a profile, built on first use."""
    from .config import choose_default_profile

    settings = settings or Settings.from_env()
    name = profile_name or choose_default_profile(settings)
    get_profile(name)  # KeyError for an unknown name before anything loads
    with _LOCK:
        if name not in _STACKS:
            _STACKS[name] = build_stages(settings, name)
        return _STACKS[name]


def safety_status(stages: Stages) -> dict[str, str]:
    """Load every safety component now; returns {component: "ok" | "reduced: ..." | "unavailable: ..."}."""
    status = {}
    for name in ("prompt_moderator", "frame_moderator"):
        component = getattr(stages, name)
        try:
            component.load()
            status[name] = "ok"
        except Exception as exc:  # reported, and the pipeline will refuse requests that need it
            log.error("%s unavailable: %s", name, exc)
            status[name] = f"unavailable: {exc}"
    reduced = getattr(stages.frame_moderator, "reduced_mode", False)
    if status.get("frame_moderator") == "ok" and reduced:
        status["frame_moderator"] = "reduced: CLIP weights unavailable, nudity check only"
    return status
