"""Gradio handlers: UI values -> pipeline requests, our errors -> `gr.Error`, per-session history and cancel.

Contract: one typed handler per endpoint (`generate`, `remix`, `recut`, `loop`, `blend`, `storyboard`, `detect`);
their docstrings document the API. Each generation handler checks the client's rate limit, builds the request
(tools through `sora_space.tools`), runs the pipeline under the ZeroGPU decorator with stage progress, and returns
(video, final prompt, seed used, details, history). `SoraSpaceError`s become `gr.Error` with their user message;
anything else is logged and shown as a generic message, so the server keeps serving. Cancel sets the session's
Event, which the sampler checks between steps.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

import gradio as gr

from ..errors import InvalidRequest, SoraSpaceError
from ..pipeline import GenerateRequest, run_request
from ..ratelimit import RateLimiter
from ..tools import build_tool_request
from .zerogpu import estimate_gpu_seconds, gpu

log = logging.getLogger(__name__)

STAGE_LABELS = {
    "moderating": "Moderating", "enhancing prompt": "Enhancing prompt", "sampling": "Sampling",
    "checking frames": "Checking frames", "watermarking": "Watermarking", "encoding": "Encoding",
    "verifying watermark": "Verifying watermark", "recording": "Recording provenance",
}
HISTORY_LIMIT = 12
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


def progress_adapter(progress) -> Callable[[str, int | None, int | None], None]:
    def report(stage: str, done: int | None, total: int | None) -> None:
        label = STAGE_LABELS.get(stage, stage)
        if total:
            progress((done, total), desc=f"{label}: step {done}/{total}", unit="steps")
        else:
            progress(None, desc=label)
    return report


def _whole(value):
    """Gradio numbers arrive as floats; pass whole numbers as int and let validation name anything else."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class Handlers:
    """Endpoint functions bound to a component stack provider."""

    def __init__(self, get_stages: Callable[[], object], settings):
        self.get_stages = get_stages
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_limit_per_min, 60.0)

        def duration(request, stages, progress, cancel):  # same signature as _execute, as ZeroGPU requires
            profile = stages.engine.profile
            return estimate_gpu_seconds(request.frames or profile.frames,
                                        request.width or profile.default_size.width,
                                        request.height or profile.default_size.height,
                                        request.steps or profile.steps)

        self._execute = gpu(duration, settings.zero_gpu)(self._execute_plain)

    @staticmethod
    def _execute_plain(request, stages, progress, cancel):
        return run_request(request, stages, progress=progress, cancel=cancel)

    def _base(self, stages, seed, randomize_seed, steps, guidance, enhance, negative_prompt="", size_label=None,
              frames=None) -> dict:
        profile = stages.engine.profile
        preset = profile.default_size
        if size_label:
            try:
                preset = profile.size(size_label)
            except KeyError:
                raise InvalidRequest("size", size_label,
                                     f"choose one of {', '.join(p.label for p in profile.sizes)}") from None
        return dict(negative_prompt=negative_prompt or None, enhance=bool(enhance),
                    seed=None if randomize_seed or seed is None else _whole(seed), steps=_whole(steps),
                    guidance=guidance, width=preset.width, height=preset.height,
                    frames=None if frames is None else _whole(frames))

    def run(self, tool: str, tool_args: dict, base_args: tuple, history, request, progress):
        client = getattr(getattr(request, "client", None), "host", None) or getattr(request, "session_hash", "")
        cancel = cancel_event(getattr(request, "session_hash", None))
        cancel.clear()
        try:
            self.limiter.check(str(client))
            stages = self.get_stages()
            base = self._base(stages, *base_args)
            req = GenerateRequest(prompt=tool_args["prompt"], **base) if tool == "generate" else \
                build_tool_request(tool, stages, **tool_args, **base)
            result = self._execute(req, stages, progress_adapter(progress), cancel)
        except Exception as exc:
            raise as_gr_error(exc) from None
        details = {"id": result.id, "tool": tool, "model": result.model_label, "settings": result.settings,
                   "checks": result.checks, "timings_s": result.timings, "enhancer_note": result.recaption_note}
        history = ([(str(result.video), f"{tool} · {result.id}")] + list(history or []))[:HISTORY_LIMIT]
        return str(result.video), result.final_prompt, result.seed, details, history

    # ---- endpoints (their docstrings are the API documentation) ----
    def generate(self, prompt: str, negative_prompt: str, seed: float, randomize_seed: bool, frames: float,
                 size: str, steps: float, guidance: float, enhance: bool, history=None,
                 request: gr.Request = None, progress=gr.Progress()):
        """Generate a watermarked video from a text prompt.

        Args:
            prompt: what the video should show.
            negative_prompt: what to avoid.
            seed: seed for the noise (ignored when randomize_seed is true); the seed used is returned.
            randomize_seed: draw a fresh random seed.
            frames: number of frames.
            size: resolution preset label.
            steps: denoising steps.
            guidance: classifier-free guidance scale (1 = off).
            enhance: rewrite the prompt with the prompt enhancer first.
        """
        return self.run("generate", {"prompt": prompt},
                        (seed, randomize_seed, steps, guidance, enhance, negative_prompt, size, frames),
                        history, request, progress)

    def remix(self, video: str, prompt: str, strength: float, seed: float, randomize_seed: bool, steps: float,
              guidance: float, enhance: bool, history=None, request: gr.Request = None, progress=gr.Progress()):
        """Re-imagine an uploaded video with a new prompt (SDEdit): strength 0 keeps it, 1 ignores it.

        Args:
            video: the input video.
            prompt: the new description.
            strength: how much to change (0-1).
            seed: noise seed (ignored when randomize_seed is true).
            randomize_seed: draw a fresh random seed.
            steps: denoising steps.
            guidance: classifier-free guidance scale.
            enhance: rewrite the prompt with the prompt enhancer first.
        """
        return self.run("remix", {"video": video, "prompt": prompt, "strength": strength},
                        (seed, randomize_seed, steps, guidance, enhance), history, request, progress)

    def recut(self, video: str, prompt: str, keep_start_s: float, keep_end_s: float, extend_frames: float,
              direction: str, seed: float, randomize_seed: bool, steps: float, guidance: float, enhance: bool,
              history=None, request: gr.Request = None, progress=gr.Progress()):
        """Keep a time range of a video and extend it forward or backward with new frames.

        Args:
            video: the input video.
            prompt: what the whole clip shows.
            keep_start_s: start of the kept range, seconds.
            keep_end_s: end of the kept range, seconds.
            extend_frames: how many new frames to generate.
            direction: "forward" (new frames after) or "backward" (before).
            seed: noise seed (ignored when randomize_seed is true).
            randomize_seed: draw a fresh random seed.
            steps: denoising steps.
            guidance: classifier-free guidance scale.
            enhance: rewrite the prompt with the prompt enhancer first.
        """
        return self.run("recut", {"video": video, "prompt": prompt, "keep_start_s": keep_start_s,
                                  "keep_end_s": keep_end_s, "extend_frames": _whole(extend_frames),
                                  "direction": direction},
                        (seed, randomize_seed, steps, guidance, enhance), history, request, progress)

    def loop(self, prompt: str, seed: float, randomize_seed: bool, steps: float, guidance: float, enhance: bool,
             history=None, request: gr.Request = None, progress=gr.Progress()):
        """Generate a seamless loop: the last frame flows into the first.

        Args:
            prompt: what the loop shows.
            seed: noise seed (ignored when randomize_seed is true).
            randomize_seed: draw a fresh random seed.
            steps: denoising steps.
            guidance: classifier-free guidance scale.
            enhance: rewrite the prompt with the prompt enhancer first.
        """
        return self.run("loop", {"prompt": prompt}, (seed, randomize_seed, steps, guidance, enhance), history,
                        request, progress)

    def blend(self, prompt_a: str, prompt_b: str, video_a: str | None, video_b: str | None, mode: str, curve: str,
              span: float, strength: float, seed: float, randomize_seed: bool, steps: float, guidance: float,
              enhance: bool, history=None, request: gr.Request = None, progress=gr.Progress()):
        """Blend two prompts, or two videos, into one clip with a transition.

        Args:
            prompt_a: describes the start (video A).
            prompt_b: describes the end (video B).
            video_a: optional first video (give both or neither).
            video_b: optional second video.
            mode: "crossfade" (latent cross-fade, then partial re-denoising) or "bridge" (A's head and B's tail kept,
                the middle generated).
            curve: "linear" or "ease".
            span: fraction of the clip the transition takes (0.05-1).
            strength: re-denoising strength for crossfade (0-1).
            seed: noise seed (ignored when randomize_seed is true).
            randomize_seed: draw a fresh random seed.
            steps: denoising steps.
            guidance: classifier-free guidance scale.
            enhance: rewrite the prompts with the prompt enhancer first.
        """
        return self.run("blend", {"prompt_a": prompt_a, "prompt_b": prompt_b, "video_a": video_a or None,
                                  "video_b": video_b or None, "mode": mode, "curve": curve, "span": span,
                                  "strength": strength},
                        (seed, randomize_seed, steps, guidance, enhance), history, request, progress)

    def storyboard(self, cards: str, ramp_s: float, seed: float, randomize_seed: bool, steps: float,
                   guidance: float, enhance: bool, history=None, request: gr.Request = None,
                   progress=gr.Progress()):
        """Several prompts over time in one clip.

        Args:
            cards: one card per line, "SECONDS: prompt", the first at 0 (e.g. "0: a red circle\\n1: a blue square").
            ramp_s: seconds of blending at each cut.
            seed: noise seed (ignored when randomize_seed is true).
            randomize_seed: draw a fresh random seed.
            steps: denoising steps.
            guidance: classifier-free guidance scale.
            enhance: rewrite the prompts with the prompt enhancer first.
        """
        return self.run("storyboard", {"cards": cards, "ramp_s": ramp_s},
                        (seed, randomize_seed, steps, guidance, enhance), history, request, progress)

    def detect(self, video: str | None):
        """Check whether a video carries the Sora Space watermark, and which generation it is.

        Args:
            video: the video file to check (MP4, WebM, MOV, GIF, ...).
        """
        from ..detect import detect_video

        try:
            stages = self.get_stages()
            report = detect_video(video, stages.settings, stages.watermarker, stages.provenance)
        except Exception as exc:
            raise as_gr_error(exc) from None
        headline = f"**{report['verdict'][:1].upper() + report['verdict'][1:]}**"
        if report["watermarked"]:
            headline += f" — generation `{report['id']}`, confidence {report['confidence']:.6f}"
        return headline, report

    def cancel(self, request: gr.Request = None):
        cancel_event(getattr(request, "session_hash", None)).set()
        gr.Info("Cancelling after the current step…")
