"""The Blocks layout: Generate, Remix, Re-cut, Loop, Blend, Storyboard, Detect and About/Safety tabs.

Contract: `build_demo(get_stages, settings, profile)` builds the UI without loading any model; every generation
endpoint shares one concurrency group ("gpu", one job at a time) and has a public, documented `api_name`; internal
events (cancel, page-load status) are private. A per-session history (gr.State, never shared between users) lists
the session's videos. The safety banner is filled on page load from `stack.safety_status` (loaded once).
"""
from __future__ import annotations

import gradio as gr

from ..config import REPO_ROOT
from ..tools import BLEND_SPAN
from .handlers import Handlers

EXAMPLES = REPO_ROOT / "assets" / "examples"   # rendered procedural clips (not model output) for the upload tabs

INTRO = """# 🎬 Sora Space
Text-to-video that is **moderated, watermarked and traceable**: prompts and frames are checked, every video carries
an invisible watermark that is verified in the final file before you get it, and a provenance record is kept.
"""

ABOUT = """## How Sora Space keeps video generation safe
**Moderation.** Every prompt is checked before anything runs, in layers: text normalisation that undoes tricks
(look-alike letters, l33t, s.p.a.c.i.n.g), per-category rules that know benign look-alikes ("shoot a photo"), and a
learned classifier on sentence embeddings. The prompt enhancer's rewrite is checked again, so an injected
instruction cannot sneak content past. Frames of every generated video, and of every uploaded video, are checked by
a nudity detector and, where its weights are available, a CLIP zero-shot classifier. Categories: sexual content,
sexualisation of minors, graphic violence, self-harm, hate and harassment, violent extremism, real people (deepfakes),
weapons and illegal activity. If any safety part cannot run, **no video is returned**.

**Watermark.** Every frame carries an invisible, keyed mark with error correction that survives re-encoding,
resizing, cropping, brightness changes, frame dropping and GIF conversion. Before a video is returned, the detector
re-reads the final MP4 and must find this generation's id in it.

**Verify a video.** Open the **Detect** tab (or call `/detect`, or run `python -m sora_space detect FILE`) and
upload any video: it reports whether the mark is present, with a confidence from the statistics of the mark (false
positives below one in a million), and the provenance record of the generation when this server made it.

**Provenance.** Each output has a record: id, time, tool, model, seed, settings, a hash of the prompt (not the prompt
itself unless the operator opts in) and the ids of the videos it was made from.
"""


def _common_settings(profile, settings, show_size=False):
    with gr.Accordion("Settings", open=False):
        with gr.Row():
            seed = gr.Number(label="Seed", value=0, precision=0, minimum=0, maximum=2**32 - 1)
            randomize = gr.Checkbox(label="Randomize seed", value=True)
        frames = size = None
        if show_size:
            first = 1
            frames = gr.Slider(label=f"Frames ({profile.fps} fps)", minimum=first, maximum=profile.frames_max,
                               step=profile.frame_step, value=profile.frames)
            size = gr.Dropdown(label="Resolution", choices=[p.label for p in profile.sizes],
                               value=profile.default_size.label)
        steps = gr.Slider(label="Steps", minimum=1, maximum=profile.steps_max, step=1, value=profile.steps)
        guidance = gr.Slider(label="Guidance", minimum=1.0, maximum=profile.guidance_max, step=0.5,
                             value=profile.guidance)
        enhance = gr.Checkbox(label="Enhance prompt", value=settings.enhance_prompts)
    return seed, randomize, frames, size, steps, guidance, enhance


def _outputs():
    video = gr.Video(label="Video", autoplay=True, loop=True, buttons=["download"])
    final_prompt = gr.Textbox(label="Final prompt (what the model saw)", interactive=False)
    seed_used = gr.Number(label="Seed used", precision=0, interactive=False)
    details = gr.JSON(label="Details")
    return video, final_prompt, seed_used, details


def build_demo(get_stages, settings, profile, status_fn=None) -> gr.Blocks:
    h = Handlers(get_stages, settings)
    gpu_event = dict(concurrency_id="gpu", concurrency_limit=1)

    with gr.Blocks(title="Sora Space", analytics_enabled=False) as demo:
        history = gr.State([])
        gr.Markdown(INTRO)
        banner = gr.Markdown(visible=False, elem_id="safety-banner")
        if not profile.trained:
            gr.Markdown("> ⚠️ The embedded model has no trained weights in this checkout: it is a tiny **random** "
                        "model, so videos are noise. Train it with `python -m sora_space.embedded.train`.")

        def wire(button, stop, fn, inputs, outs, api_name, examples=None):
            event = button.click(fn, inputs=inputs + [history], outputs=outs + [history], api_name=api_name,
                                 **gpu_event)
            stop.click(h.cancel, api_visibility="private", queue=False)
            if examples:
                # Examples fill the leading inputs; the rest keep their defaults. Cached lazily: the first click
                # generates (through the full pipeline, seed 0), later clicks replay the cached video.
                n = len(examples[0])
                defaults = [getattr(c, "value", None) for c in inputs[n:]]

                def example_fn(*values):
                    args = list(values) + defaults
                    seed_at = next(i for i, c in enumerate(inputs) if getattr(c, "label", "") == "Seed")
                    args[seed_at], args[seed_at + 1] = 0, False  # fixed seed for a stable cache
                    return fn(*args, history=[], request=None, progress=lambda *a, **k: None)[:4]

                gr.Examples(examples, inputs=inputs[:n], outputs=outs, fn=example_fn, cache_examples=True,
                            cache_mode="lazy", api_visibility="private")
            return event

        with gr.Tab("Generate"):
            with gr.Row():
                with gr.Column():
                    prompt = gr.Textbox(label="Prompt", lines=3, max_length=2000,
                                        placeholder="a red circle moving right on a dark blue background")
                    negative = gr.Textbox(label="Negative prompt", value=profile.negative_prompt, lines=1)
                    seed, rnd, frames, size, steps, guidance, enhance = _common_settings(profile, settings, True)
                    with gr.Row():
                        run, stop = gr.Button("Generate", variant="primary"), gr.Button("Cancel", variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.generate, [prompt, negative, seed, rnd, frames, size, steps, guidance, enhance], outs,
                 "generate", examples=[["a red circle moving right"], ["a small blue star spinning"],
                                       ["a yellow square bouncing on a gradient background"]])

        with gr.Tab("Remix"):
            with gr.Row():
                with gr.Column():
                    video = gr.Video(label="Input video", sources=["upload"])
                    prompt = gr.Textbox(label="New prompt", lines=2, placeholder="a blue circle moving right")
                    strength = gr.Slider(label="Strength (0 keeps the input, 1 ignores it)", minimum=0.0,
                                         maximum=1.0, step=0.05, value=0.6)
                    seed, rnd, _, _, steps, guidance, enhance = _common_settings(profile, settings)
                    with gr.Row():
                        run, stop = gr.Button("Remix", variant="primary"), gr.Button("Cancel", variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.remix, [video, prompt, strength, seed, rnd, steps, guidance, enhance], outs, "remix",
                 examples=[[str(EXAMPLES / "red_circle_right.mp4"), "a blue circle moving right", 0.7]])

        with gr.Tab("Re-cut"):
            with gr.Row():
                with gr.Column():
                    video = gr.Video(label="Input video", sources=["upload"])
                    prompt = gr.Textbox(label="Prompt (what the whole clip shows)", lines=2)
                    with gr.Row():
                        keep_start = gr.Number(label="Keep from (s)", value=0.0, minimum=0.0)
                        keep_end = gr.Number(label="Keep until (s)", value=1.0, minimum=0.0)
                    with gr.Row():
                        extend = gr.Slider(label="New frames", minimum=1, maximum=max(1, profile.frames - 1), step=1,
                                           value=max(1, profile.frames // 2))
                        direction = gr.Radio(["forward", "backward"], value="forward", label="Extend")
                    seed, rnd, _, _, steps, guidance, enhance = _common_settings(profile, settings)
                    with gr.Row():
                        run, stop = gr.Button("Re-cut", variant="primary"), gr.Button("Cancel", variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.recut, [video, prompt, keep_start, keep_end, extend, direction, seed, rnd, steps,
                                      guidance, enhance], outs, "recut",
                 examples=[[str(EXAMPLES / "blue_square_left.mp4"), "a blue square moving left"]])

        with gr.Tab("Loop"):
            with gr.Row():
                with gr.Column():
                    prompt = gr.Textbox(label="Prompt", lines=2, placeholder="a green ring orbiting")
                    seed, rnd, _, _, steps, guidance, enhance = _common_settings(profile, settings)
                    with gr.Row():
                        run, stop = gr.Button("Make loop", variant="primary"), gr.Button("Cancel", variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.loop, [prompt, seed, rnd, steps, guidance, enhance], outs, "loop",
                 examples=[["a green ring orbiting"], ["a purple star spinning"]])

        with gr.Tab("Blend"):
            with gr.Row():
                with gr.Column():
                    with gr.Row():
                        prompt_a = gr.Textbox(label="Prompt A (start)", placeholder="a red circle moving right")
                        prompt_b = gr.Textbox(label="Prompt B (end)", placeholder="a blue square moving left")
                    with gr.Row():
                        video_a = gr.Video(label="Video A (optional)", sources=["upload"])
                        video_b = gr.Video(label="Video B (optional)", sources=["upload"])
                    with gr.Row():
                        mode = gr.Radio(["crossfade", "bridge"], value="crossfade", label="Mode")
                        curve = gr.Radio(["linear", "ease"], value="ease", label="Curve")
                    with gr.Row():
                        span = gr.Slider(label="Transition span", minimum=0.05, maximum=1.0, step=0.05, value=BLEND_SPAN)
                        strength = gr.Slider(label="Re-denoise strength", minimum=0.0, maximum=1.0, step=0.05,
                                             value=0.7)
                    seed, rnd, _, _, steps, guidance, enhance = _common_settings(profile, settings)
                    with gr.Row():
                        run, stop = gr.Button("Blend", variant="primary"), gr.Button("Cancel", variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.blend, [prompt_a, prompt_b, video_a, video_b, mode, curve, span, strength, seed, rnd,
                                      steps, guidance, enhance], outs, "blend",
                 examples=[["a red circle moving right", "a blue square moving left"]])

        with gr.Tab("Storyboard"):
            with gr.Row():
                with gr.Column():
                    cards = gr.Textbox(label="Cards: one per line, 'SECONDS: prompt'", lines=4,
                                       value="0: a red circle moving right\n1: a blue square moving left")
                    ramp = gr.Slider(label="Blend at each cut (s)", minimum=0.0, maximum=1.0, step=0.05, value=0.25)
                    seed, rnd, _, _, steps, guidance, enhance = _common_settings(profile, settings)
                    with gr.Row():
                        run, stop = gr.Button("Render storyboard", variant="primary"), gr.Button("Cancel",
                                                                                                 variant="stop")
                with gr.Column():
                    outs = list(_outputs())
            wire(run, stop, h.storyboard, [cards, ramp, seed, rnd, steps, guidance, enhance], outs, "storyboard",
                 examples=[["0: a red circle moving right\n1: a blue square moving left"],
                           ["0: a yellow star spinning\n0.75: a green ring orbiting\n1.5: a purple triangle moving up"]])

        with gr.Tab("Detect"):
            gr.Markdown("Upload any video to check whether it carries the Sora Space watermark. The detector reads "
                        "the pixels, so it works after re-encoding, resizing, cropping and GIF conversion.")
            with gr.Row():
                upload = gr.Video(label="Video to check", sources=["upload"])
                with gr.Column():
                    verdict = gr.Markdown()
                    report = gr.JSON(label="Detector report")
            gr.Examples([[str(EXAMPLES / "red_circle_right.mp4")]], inputs=[upload], label="Try an unmarked clip")
            check = gr.Button("Check video", variant="primary")
            check.click(h.detect, inputs=[upload], outputs=[verdict, report], api_name="detect",
                        concurrency_id="cpu", concurrency_limit=4)

        with gr.Tab("About & Safety"):
            gr.Markdown(ABOUT)

        with gr.Accordion("Your videos in this session", open=False):
            gallery = gr.Gallery(label="History (only you can see these)", columns=4, height="auto")
        history.change(lambda items: [path for path, _ in items], inputs=history, outputs=gallery,
                       api_visibility="private", queue=False)
        gr.Markdown(f"<sub>Model: **{profile.label}** · every video is watermarked and verified before it is "
                    f"returned</sub>", elem_id="footer")
        if status_fn is not None:
            demo.load(status_fn, outputs=banner, api_visibility="private")
    return demo
