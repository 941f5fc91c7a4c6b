"""The request flow, as one numbered orchestrator with its components passed in.

Contract: `run_request(request, stages)` runs, in order:
  validate -> moderate prompt -> recaption -> moderate final prompt -> sample -> moderate frames -> watermark ->
  encode MP4 -> verify the mark in the final file -> record provenance
and returns a `GenerationResult`, or raises a `SoraSpaceError`. Safety fails closed: any exception from a safety
stage (moderation, watermark, verification, provenance) becomes `SafetyUnavailable`, and a file that has not passed
every check is deleted, never returned. Components are duck-typed (tests pass fakes):
  engine.params(**raw) / engine.generate_params(params, on_step=, plan=) / engine.profile
  prompt_moderator.moderate(text) -> PromptVerdict        recaptioner.recaption(prompt, seed) -> Recaption
  frame_moderator.check(frames, fps, generated=) -> FrameVerdict   watermarker.embed(frames, id) / .detect_file(path)
  provenance.new_id(bits) / .record(...) / .find_by_file(sha256) (optional)   content_credentials.sign(path, record)
Uploads are checked at the strict upload threshold, except a byte-identical copy of a video this app recorded with
the same model, which is checked as that model's output (it passed that check when it was made).
Logs carry stage timings and decisions, never the prompt text.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from safety.provenance import sha256_of_file

from .config import Settings
from .errors import (Cancelled, FramesRejected, GenerationFailed, PromptRejected, SafetyUnavailable,
                     SoraSpaceError)
from .requests import check_prompt
from .types import Recaption, SamplingPlan
from .video_io import cleanup_outputs, new_output_path, upscale, write_mp4

log = logging.getLogger(__name__)
Progress = Callable[[str, int | None, int | None], None]   # (stage, done, total)
VERIFY_CRFS = (18, 10)  # first encode, then a higher-quality re-encode if the mark did not survive


@dataclass(frozen=True)
class GenerateRequest:
    prompt: str
    negative_prompt: str | None = None
    seed: int | None = None
    frames: int | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    guidance: float | None = None
    enhance: bool = True
    tool: str = "generate"
    parents: tuple[int, ...] = ()
    uploads: tuple[np.ndarray, ...] = field(default=(), repr=False)  # uploaded videos as given, to moderate
    upload_sha256: tuple[str | None, ...] = ()    # each upload file's SHA-256, to recognise our own output
    plan: SamplingPlan | None = field(default=None, repr=False)      # tool inputs at model resolution


@dataclass(frozen=True)
class GenerationResult:
    video: Path
    id: str
    seed: int
    prompt: str
    final_prompt: str
    enhanced: bool
    recaption_note: str
    model: str
    model_label: str
    settings: dict
    checks: dict
    timings: dict

    def to_json(self) -> dict:
        out = asdict(self)
        out["video"] = str(self.video)
        return out


@dataclass
class Stages:
    engine: object
    prompt_moderator: object
    recaptioner: object
    frame_moderator: object
    watermarker: object
    provenance: object
    settings: Settings = field(default_factory=Settings)
    content_credentials: object | None = None   # C2PA signer (.sign(path, record)); None = not configured


def _own_output(stages: Stages, model: str, digest: str | None) -> bool:
    """Whether an upload is a byte-identical copy of a video this app recorded with the same model.

    Such a file's frames already passed the generated-frame check for this model, so the upload is checked at that
    threshold too (NudeNet misreads some of the model's plain shapes at the strict upload threshold). Anything else,
    a re-encoded or edited copy included, gets the strict upload threshold. A failing lookup fails closed."""
    find = getattr(stages.provenance, "find_by_file", None)
    if digest is None or find is None:
        return False
    record = _safety("provenance", find, digest)
    own = record is not None and record.get("model") == model
    log.info("upload digest %s: %s", digest[:12], "own output, generated-frame threshold" if own else "not ours")
    return own


def prompt_digest(text: str) -> str:
    """What logs may carry instead of a prompt."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _safety(component: str, fn, *args, **kwargs):
    """Run a safety stage; anything but a verdict or our own error means the stage could not run: fail closed."""
    try:
        return fn(*args, **kwargs)
    except SoraSpaceError:
        raise
    except Exception as exc:
        log.error("safety stage %s failed: %s: %s", component, type(exc).__name__, exc)
        raise SafetyUnavailable(component, f"{type(exc).__name__}: {exc}") from exc


def _hint(verdict) -> str:
    """A plain-words rephrase suggestion for a refused prompt."""
    from safety.moderation import rephrase_hint

    return rephrase_hint(verdict)


def _manifest(record: dict) -> dict[str, str]:
    """The MP4 metadata manifest (safety.provenance's format); a plain comment if that module is absent."""
    try:
        from safety.provenance import manifest
    except ImportError:
        return {"comment": f"AI-generated video, provenance id {record['id']:08x}"}
    return manifest(record)


def run_request(request: GenerateRequest, stages: Stages, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> GenerationResult:
    progress = progress or (lambda stage, done, total: None)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 4)
        clock = now

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    engine, settings = stages.engine, stages.settings
    profile = engine.profile

    # 1. Validate everything before any work; the seed is drawn here and returned with the result.
    params = engine.params(prompt=request.prompt, negative_prompt=request.negative_prompt, seed=request.seed,
                           frames=request.frames, width=request.width, height=request.height, steps=request.steps,
                           guidance=request.guidance)
    cleanup_outputs(settings.output_dir, settings.output_ttl_s)
    log.info("request tool=%s prompt=%s len=%d seed=%d model=%s", request.tool, prompt_digest(params.prompt),
             len(params.prompt), params.seed, profile.name)
    lap("validate_s")

    # 2. Moderate the user's prompt(s) and any uploaded video.
    plan = request.plan or SamplingPlan()
    prompts = [params.prompt] + [check_prompt(p, f"prompt {i + 2}") for i, p in enumerate(plan.extra_prompts)]
    progress("moderating", None, None)
    for prompt in prompts:
        verdict = _safety("prompt moderation", stages.prompt_moderator.moderate, prompt)
        if not verdict.allowed:
            log.info("prompt refused: categories=%s layer=%s", verdict.categories, verdict.layer)
            raise PromptRejected(verdict.categories, verdict.reason(), stage="prompt", hint=_hint(verdict))
    checks = {"prompt_layer": verdict.layer}
    own_uploads = 0
    for i, upload in enumerate(request.uploads):  # uploads are moderated before they are used
        digest = request.upload_sha256[i] if i < len(request.upload_sha256) else None
        own = _own_output(stages, profile.name, digest)
        own_uploads += own
        upload_verdict = _safety("frame moderation", stages.frame_moderator.check, upload, float(profile.fps),
                                 generated=own)
        if not upload_verdict.allowed:
            raise FramesRejected(upload_verdict.categories, upload_verdict.reason(), what="uploaded video")
    if request.uploads:
        checks["uploads_recognised_as_own_output"] = own_uploads
    lap("moderate_prompt_s")
    check_cancel()

    # 3. Recaption (prompt enhancer). A failing enhancer is not a safety part: fall back to the user's words.
    progress("enhancing prompt", None, None)
    recaptions = []
    for prompt in prompts:
        if not request.enhance:
            recaptions.append(Recaption(prompt, False, "Prompt enhancement is off."))
            continue
        try:
            recaptions.append(stages.recaptioner.recaption(prompt, params.seed))
        except Exception as exc:
            log.warning("recaptioner failed (%s); using the prompt as written", type(exc).__name__)
            recaptions.append(Recaption(prompt, False, "The prompt enhancer failed; your prompt was used as written."))
    finals = [r.text.strip() or p for r, p in zip(recaptions, prompts)]
    recaption, final_prompt = recaptions[0], finals[0]
    lap("recaption_s")

    # 4. Moderate the final prompts again: injected or hallucinated unsafe detail cannot slip through.
    for prompt, final in zip(prompts, finals):
        if final != prompt:
            verdict = _safety("prompt moderation", stages.prompt_moderator.moderate, final)
            if not verdict.allowed:
                log.info("recaptioned prompt refused: categories=%s", verdict.categories)
                raise PromptRejected(verdict.categories, verdict.reason(), stage="recaption", hint=_hint(verdict))
    lap("moderate_final_s")
    check_cancel()

    # 5. Sample with the shared sampler; progress per step, cancellation between steps.
    def on_step(done: int, total: int) -> None:
        check_cancel()
        progress("sampling", done, total)

    plan = replace(plan, extra_prompts=tuple(finals[1:]))
    raw = engine.generate_params(replace(params, prompt=final_prompt), on_step=on_step, plan=plan)
    frames = upscale(raw.frames, profile.display_scale)          # (T, H*s, W*s, 3) uint8
    timings.update({f"engine_{k}": round(v, 4) for k, v in raw.timings.items()})
    lap("sample_s")
    check_cancel()

    # 6. Moderate the frames before anything is marked or written.
    progress("checking frames", None, None)
    frame_verdict = _safety("frame moderation", stages.frame_moderator.check, frames, float(raw.fps),
                            generated=True)  # the profile's measured threshold may apply; uploads never get it
    if not frame_verdict.allowed:
        log.info("frames refused: categories=%s frames=%s", frame_verdict.categories, frame_verdict.flagged_frames)
        raise FramesRejected(frame_verdict.categories, frame_verdict.reason())
    checks.update(frame_checks=list(frame_verdict.checks_run), reduced_mode=frame_verdict.reduced_mode)
    lap("moderate_frames_s")

    # 7. Invisible watermark on every frame, carrying the id of this generation's provenance record.
    progress("watermarking", None, None)
    bits = stages.watermarker.payload_bits
    video_id = _safety("provenance", stages.provenance.new_id, bits)
    marked = _safety("watermark", stages.watermarker.embed, frames, video_id)
    lap("watermark_s")

    # 8-9. Encode (with a provenance manifest in the metadata), then re-read the final file and require our id;
    # re-encode once at higher quality if the mark did not survive.
    path = new_output_path(settings.output_dir, f"{request.tool}-{video_id:08x}")
    settings_json = {"frames": params.frames, "width": params.width, "height": params.height,
                     "steps": params.steps, "guidance": params.guidance, "fps": raw.fps,
                     "display_scale": profile.display_scale, "dtype": raw.dtype, "enhanced": recaption.enhanced}
    if len(finals) > 1:
        settings_json["final_prompts"] = finals
    metadata = _manifest({"id": video_id, "tool": request.tool, "model": profile.name,
                          "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "parents": request.parents})
    try:
        for crf in VERIFY_CRFS:
            progress("encoding", None, None)
            write_mp4(marked, raw.fps, path, crf=crf, metadata=metadata)
            if stages.content_credentials is not None:  # C2PA manifest in the container; pixels are untouched
                _safety("content credentials", stages.content_credentials.sign, path,
                        {"id": video_id, "tool": request.tool, "model": profile.name})
            lap(f"encode_crf{crf}_s")
            progress("verifying watermark", None, None)
            detection = _safety("watermark detector", stages.watermarker.detect_file, path)
            lap(f"verify_crf{crf}_s")
            if detection.watermarked and detection.payload_id == video_id:
                break
            log.warning("watermark not verified at crf %d (confidence %.3f); re-encoding", crf,
                        detection.confidence)
        else:
            raise GenerationFailed("The video could not be watermarked reliably, so it was not returned. "
                                   "Please try again.")
        checks.update(watermark_verified=True, watermark_confidence=round(float(detection.confidence), 6))

        # 10. Record provenance before the video is handed out.
        progress("recording", None, None)
        _safety("provenance", stages.provenance.record, id=video_id, tool=request.tool, model=profile.name,
                seed=params.seed, settings=settings_json, prompt=params.prompt,
                store_prompt=settings.store_prompts, parents=tuple(request.parents),
                file_sha256=sha256_of_file(path))  # lets a byte-identical re-upload be recognised as ours
        lap("record_s")
    except BaseException:
        path.unlink(missing_ok=True)  # nothing unverified or unrecorded stays on disk
        discard = getattr(stages.provenance, "discard", None)
        if discard is not None:
            try:
                discard(video_id)  # free the reserved id
            except Exception as exc:
                log.warning("could not discard reserved id: %s", type(exc).__name__)
        raise

    timings["total_s"] = round(sum(v for k, v in timings.items() if not k.startswith("engine_")), 4)
    log.info("request done id=%08x seed=%d timings=%s", video_id, params.seed, timings)
    return GenerationResult(
        video=path, id=f"{video_id:08x}", seed=params.seed, prompt=params.prompt, final_prompt=final_prompt,
        enhanced=recaption.enhanced, recaption_note=recaption.note, model=profile.name, model_label=profile.label,
        settings=settings_json, checks=checks, timings=timings,
    )
