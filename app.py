"""Sora Space — the Gradio app (a Hugging Face Space entry point): `python app.py`.

Contract: `build_demo(get_stages)` builds the Blocks UI without loading any model (models load on the first
request, once); `get_stages` returns the `pipeline.Stages` to use (tests pass fakes). Endpoints for scripts:
`/generate` (and more tabs as they land). Only this file and `sora_space/ui` import gradio.
"""
from __future__ import annotations

import logging

import gradio as gr

from sora_space.config import PROFILES, Settings, choose_default_profile, get_profile
from sora_space.ui.handlers import make_cancel_handler, make_detect_handler, make_generate_handler

log = logging.getLogger("sora_space.app")

INTRO = """# Sora Space
Text-to-video that is **moderated, watermarked and traceable**: every prompt and every frame is checked, every
video carries an invisible watermark that our detector verifies before you get it, and a provenance record is kept.
"""


def build_demo(get_stages=None, settings: Settings | None = None, profile_name: str | None = None) -> gr.Blocks:
    settings = settings or Settings.from_env()
    if get_stages is None:
        from sora_space.stack import get_stages as real_get_stages

        name = profile_name or choose_default_profile(settings)
        get_stages = lambda: real_get_stages(settings, name)  # noqa: E731
    else:
        name = profile_name or "embedded"
    profile = get_profile(name)
    first_frames = 1 if profile.frame_step > 1 else profile.frame_step

    with gr.Blocks(title="Sora Space", analytics_enabled=False) as demo:
        gr.Markdown(INTRO)
        if not profile.trained:
            gr.Markdown("> ⚠️ The embedded model has no trained weights in this checkout: it is a tiny **random** "
                        "model, so videos are noise. Train it with `python -m sora_space.embedded.train`.")
        with gr.Tab("Generate"):
            with gr.Row():
                with gr.Column(scale=1):
                    prompt = gr.Textbox(label="Prompt", lines=3, max_length=2000,
                                        placeholder="a red circle moving right on a dark blue background")
                    negative = gr.Textbox(label="Negative prompt", value=profile.negative_prompt, lines=2)
                    with gr.Row():
                        seed = gr.Number(label="Seed", value=0, precision=0, minimum=0, maximum=2**32 - 1)
                        randomize = gr.Checkbox(label="Randomize seed", value=True)
                    with gr.Accordion("Settings", open=False):
                        frames = gr.Slider(label=f"Frames ({profile.fps} fps)", minimum=first_frames,
                                           maximum=profile.frames_max, step=profile.frame_step,
                                           value=profile.frames)
                        size = gr.Dropdown(label="Resolution", choices=[p.label for p in profile.sizes],
                                           value=profile.default_size.label)
                        steps = gr.Slider(label="Steps", minimum=1, maximum=profile.steps_max, step=1,
                                          value=profile.steps)
                        guidance = gr.Slider(label="Guidance", minimum=1.0, maximum=profile.guidance_max,
                                             step=0.5, value=profile.guidance)
                        enhance = gr.Checkbox(label="Enhance prompt", value=settings.enhance_prompts)
                    with gr.Row():
                        run = gr.Button("Generate", variant="primary")
                        stop = gr.Button("Cancel", variant="stop")
                with gr.Column(scale=1):
                    video = gr.Video(label="Video", autoplay=True, loop=True)
                    final_prompt = gr.Textbox(label="Final prompt (what the model saw)", interactive=False)
                    seed_used = gr.Number(label="Seed used", precision=0, interactive=False)
                    details = gr.JSON(label="Details")
            run.click(make_generate_handler(get_stages),
                      inputs=[prompt, negative, seed, randomize, frames, size, steps, guidance, enhance],
                      outputs=[video, final_prompt, seed_used, details], api_name="generate",
                      concurrency_id="gpu", concurrency_limit=1)
            stop.click(make_cancel_handler(), api_visibility="private", queue=False)
        with gr.Tab("Detect"):
            gr.Markdown("Upload any video to check whether it carries the Sora Space watermark. The detector "
                        "re-reads the pixels, so it works after re-encoding, resizing, cropping and GIF conversion.")
            with gr.Row():
                upload = gr.Video(label="Video to check", sources=["upload"])
                with gr.Column():
                    verdict = gr.Markdown()
                    report = gr.JSON(label="Detector report")
            check = gr.Button("Check video", variant="primary")
            check.click(make_detect_handler(get_stages), inputs=[upload], outputs=[verdict, report],
                        api_name="detect", concurrency_limit=4)
        gr.Markdown(f"<sub>Model: {profile.label}</sub>")
    return demo


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    demo = build_demo()
    # Host and port come from gradio's own GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (set by Spaces).
    demo.queue(max_size=32).launch()


if __name__ == "__main__":
    main()
