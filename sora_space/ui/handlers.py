"""Gradio handlers: turn UI inputs into pipeline requests and our errors into `gr.Error`.

Contract: each handler takes plain UI values, calls the pipeline with the process-wide stack, and returns UI values.
`SoraSpaceError`s become `gr.Error` with their user message; anything else is logged with its traceback and shown
as a generic message, so the server keeps serving. Cancellation: each browser session has an Event the Cancel button
sets; the sampler checks it between steps, so Cancel really stops the work.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

import gradio as gr

from ..errors import SoraSpaceError
from ..pipeline import GenerateRequest, run_request

log = logging.getLogger(__name__)

STAGE_LABELS = {
    "moderating": "Moderating prompt", "enhancing prompt": "Enhancing prompt", "sampling": "Sampling",
    "checking frames": "Checking frames", "watermarking": "Watermarking", "encoding": "Encoding MP4",
    "verifying watermark": "Verifying watermark", "recording": "Recording provenance",
}
_CANCEL: dict[str, threading.Event] = {}
_CANCEL_LOCK = threading.Lock()


def cancel_event(session: str | None) -> threading.Event:
    with _CANCEL_LOCK:
        return _CANCEL.setdefault(session or "anonymous", threading.Event())


def as_gr_error(exc: BaseException) -> gr.Error:
    if isinstance(exc, SoraSpaceError):
        return gr.Error(exc.user_message)
    log.error("unexpected error in handler", exc_info=exc)
    return gr.Error("Something went wrong on our side. Please try again; if it keeps happening, try other settings.")


def progress_adapter(progress: gr.Progress) -> Callable[[str, int | None, int | None], None]:
    def report(stage: str, done: int | None, total: int | None) -> None:
        label = STAGE_LABELS.get(stage, stage)
        if total:
            progress((done, total), desc=f"{label}: step {done}/{total}", unit="steps")
        else:
            progress(0.0 if stage == "moderating" else None, desc=label)
    return report


def make_generate_handler(get_stages: Callable[[], object]):
    def generate(prompt: str, negative_prompt: str, seed: float | None, randomize_seed: bool, frames: float,
                 size_label: str, steps: float, guidance: float, enhance: bool,
                 request: gr.Request = None, progress=gr.Progress()):
        """Generate a watermarked video from a text prompt.

        Args:
            prompt: what the video should show.
            negative_prompt: what to avoid.
            seed: seed for the random noise (ignored when randomize_seed is true).
            randomize_seed: draw a fresh seed; the seed used is returned.
            frames: number of frames.
            size_label: resolution preset label.
            steps: denoising steps.
            guidance: classifier-free guidance scale (1 = off).
            enhance: rewrite the prompt with the prompt enhancer first.
        Returns:
            The MP4 path, the final prompt the model saw, the seed used and a details dict.
        """
        cancel = cancel_event(getattr(request, "session_hash", None))
        cancel.clear()
        try:
            stages = get_stages()
            preset = _preset(stages.engine.profile, size_label)
            result = run_request(
                GenerateRequest(prompt=prompt, negative_prompt=negative_prompt, enhance=bool(enhance),
                                seed=None if randomize_seed or seed is None else _whole(seed, "seed"),
                                frames=_whole(frames, "frames"), steps=_whole(steps, "steps"), guidance=guidance,
                                width=preset.width, height=preset.height),
                stages, progress=progress_adapter(progress), cancel=cancel)
        except Exception as exc:
            raise as_gr_error(exc) from None
        details = {"id": result.id, "model": result.model_label, "settings": result.settings,
                   "checks": result.checks, "timings_s": result.timings, "enhancer_note": result.recaption_note}
        return str(result.video), result.final_prompt, result.seed, details

    return generate


def make_cancel_handler():
    def cancel(request: gr.Request = None):
        cancel_event(getattr(request, "session_hash", None)).set()
        gr.Info("Cancelling…")
    return cancel


def _whole(value, name: str):
    """Gradio numbers arrive as floats; pass whole numbers as int and let validation name anything else."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _preset(profile, label):
    from ..errors import InvalidRequest

    if not label:
        return profile.default_size
    try:
        return profile.size(label)
    except KeyError:
        raise InvalidRequest("size", label, f"choose one of {', '.join(p.label for p in profile.sizes)}") from None


def make_detect_handler(get_stages: Callable[[], object]):
    def detect(video_path: str | None):
        """Check whether a video carries the Sora Space watermark.

        Args:
            video_path: the video file to check (MP4, WebM, MOV, GIF, ...).
        Returns:
            A short verdict and a details dict (confidence, generation id, provenance record if known).
        """
        from ..detect import detect_video

        try:
            stages = get_stages()
            report = detect_video(video_path, stages.settings, stages.watermarker, stages.provenance)
        except Exception as exc:
            raise as_gr_error(exc) from None
        headline = f"**{report['verdict'].capitalize()}**"
        if report["watermarked"]:
            headline += f" — generation `{report['id']}`, confidence {report['confidence']:.6f}"
        return headline, report

    return detect
