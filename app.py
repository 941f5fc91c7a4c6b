"""Sora Space — the Gradio app and Hugging Face Space entry point: `python app.py`.

Contract: `build_demo(get_stages=None, settings=None, profile_name=None)` builds the Blocks UI without loading any
model (models load on first use, once); `get_stages` returns the `pipeline.Stages` to use (tests pass fakes). Named
API endpoints: /generate, /remix, /recut, /loop, /blend, /storyboard, /detect; also served as an MCP server.
Only this file and `sora_space/ui` import gradio.
"""
from __future__ import annotations

import logging

import gradio as gr

from sora_space.config import Settings, choose_default_profile, get_profile
from sora_space.ui.layout import build_demo as build_layout

log = logging.getLogger("sora_space.app")


def _banner_fn(get_stages):
    cache = {}

    def status():
        if "text" not in cache:
            from sora_space.stack import safety_status

            try:
                report = safety_status(get_stages())
            except Exception as exc:  # the stack itself failed to build: everything is unavailable
                log.error("safety stack unavailable: %s", exc)
                report = {"safety stack": f"unavailable: {type(exc).__name__}"}
            problems = {k: v for k, v in report.items() if v != "ok"}
            cache["text"] = "" if not problems else "> ⚠️ **Safety notice** — " + "; ".join(
                f"{k.replace('_', ' ')}: {v}" for k, v in problems.items()) + (
                ". Requests that need an unavailable check are refused." if any(
                    v.startswith("unavailable") for v in problems.values()) else "")
        return gr.update(value=cache["text"], visible=bool(cache["text"]))
    return status


def build_demo(get_stages=None, settings: Settings | None = None, profile_name: str | None = None,
               banner: bool = True) -> gr.Blocks:
    settings = settings or Settings.from_env()
    if get_stages is None:
        from sora_space.stack import get_stages as real_get_stages

        name = profile_name or choose_default_profile(settings)
        get_stages = lambda: real_get_stages(settings, name)  # noqa: E731
    else:
        name = profile_name or "embedded"
    return build_layout(get_stages, settings, get_profile(name), status_fn=_banner_fn(get_stages) if banner else None)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    if settings.zero_gpu:
        # ZeroGPU runs each @spaces.GPU call in a worker forked from this process: load the models here, once,
        # so the workers inherit them instead of loading them inside every GPU slot.
        from sora_space.stack import get_stages

        get_stages(settings)
    demo = build_demo(settings=settings)
    # Host and port come from gradio's own GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (set by Spaces).
    demo.queue(max_size=settings.queue_size, default_concurrency_limit=1).launch(mcp_server=True)


if __name__ == "__main__":
    main()
