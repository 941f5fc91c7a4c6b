"""Command line: `python -m sora_space generate|moderate|detect ...` for scripts and batch work.

Contract: every command prints exactly one JSON object per result as the last line(s) of stdout (logs go to
stderr). Exit codes: 0 success, 2 invalid arguments, 3 refused by moderation (the JSON carries `refused` with the
categories), 4 a safety component unavailable, 5 generation failed, 1 anything unexpected (logged, no traceback
on stdout). This module, like the UI, is where `SoraSpaceError`s become user-facing output.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

from .errors import FramesRejected, InvalidRequest, PromptRejected, SoraSpaceError
from .tools import BLEND_SPAN

log = logging.getLogger("sora_space.cli")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments as our JSON error with exit code 2."""

    def error(self, message):
        _emit({"error": f"Invalid arguments: {message}", "type": "InvalidRequest"})
        raise SystemExit(2)


def _emit(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sora_space", description="Sora Space: safe, watermarked text-to-video.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p):
        p.add_argument("--out", type=Path, help="where to write the MP4 (default: the output folder)")
        p.add_argument("--seed", type=int, help="seed (default: random; the seed used is printed)")
        p.add_argument("--frames", type=int)
        p.add_argument("--steps", type=int)
        p.add_argument("--guidance", type=float)
        p.add_argument("--size", help="WIDTHxHEIGHT, e.g. 832x480")
        p.add_argument("--negative", dest="negative_prompt", help="negative prompt")
        p.add_argument("--model", help="model profile (default: chosen automatically)")
        p.add_argument("--no-enhance", action="store_true", help="use the prompt(s) as written")
        return p

    gen = common(sub.add_parser("generate", help="generate a watermarked MP4 from a prompt"))
    gen.add_argument("prompt")
    remix = common(sub.add_parser("remix", help="re-imagine a video with a new prompt"))
    remix.add_argument("video", type=Path)
    remix.add_argument("prompt")
    remix.add_argument("--strength", type=float, default=0.6, help="0 keeps the input, 1 ignores it")
    recut = common(sub.add_parser("recut", help="keep part of a video and extend it"))
    recut.add_argument("video", type=Path)
    recut.add_argument("prompt")
    recut.add_argument("--keep-start", dest="keep_start_s", type=float, default=0.0, help="seconds")
    recut.add_argument("--keep-end", dest="keep_end_s", type=float, help="seconds (default: the end)")
    recut.add_argument("--extend", dest="extend_frames", type=int, default=8, help="new frames")
    recut.add_argument("--direction", choices=("forward", "backward"), default="forward")
    loop = common(sub.add_parser("loop", help="a seamless loop"))
    loop.add_argument("prompt")
    blend = common(sub.add_parser("blend", help="blend two prompts or two videos"))
    blend.add_argument("prompt_a")
    blend.add_argument("prompt_b")
    blend.add_argument("--video-a", dest="video_a", type=Path)
    blend.add_argument("--video-b", dest="video_b", type=Path)
    blend.add_argument("--mode", choices=("crossfade", "bridge"), default="crossfade")
    blend.add_argument("--curve", choices=("linear", "ease"), default="ease")
    blend.add_argument("--span", type=float, default=BLEND_SPAN, help="fraction of the clip the transition takes")
    blend.add_argument("--strength", type=float, default=0.7)
    story = common(sub.add_parser("storyboard", help="prompts over time in one clip"))
    story.add_argument("--card", dest="cards", nargs=2, action="append", metavar=("SECONDS", "PROMPT"),
                       required=True, help="a card: start time in seconds and its prompt (repeat)")
    story.add_argument("--ramp", dest="ramp_s", type=float, default=0.25, help="seconds of blending at each cut")

    mod = sub.add_parser("moderate", help="moderate prompts: one JSON line each")
    mod.add_argument("prompt", nargs="?")
    mod.add_argument("--file", type=Path, help="a text file with one prompt per line")

    det = sub.add_parser("detect", help="does this video carry the Sora Space watermark?")
    det.add_argument("file", type=Path)
    return parser


TOOL_ARGS = {
    "remix": ("video", "prompt", "strength"),
    "recut": ("video", "prompt", "keep_start_s", "keep_end_s", "extend_frames", "direction"),
    "loop": ("prompt",),
    "blend": ("prompt_a", "prompt_b", "video_a", "video_b", "mode", "curve", "span", "strength"),
    "storyboard": ("cards", "ramp_s"),
}


def _generate(args, stages) -> dict:
    from .pipeline import GenerateRequest, run_request
    from .requests import parse_size
    from .tools import build_tool_request

    width = height = None
    if args.size:
        width, height = parse_size(args.size)
    base = dict(negative_prompt=args.negative_prompt, seed=args.seed, frames=args.frames, width=width,
                height=height, steps=args.steps, guidance=args.guidance, enhance=not args.no_enhance)
    if args.command == "generate":
        request = GenerateRequest(prompt=args.prompt, **base)
    else:
        tool_args = {name: getattr(args, name) for name in TOOL_ARGS[args.command]}
        if args.command == "storyboard":
            tool_args["cards"] = [(_seconds(start), prompt) for start, prompt in args.cards]
        request = build_tool_request(args.command, stages, **tool_args, **base)
    result = run_request(request, stages)
    out = result.to_json()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(result.video, args.out)
        out["video"] = str(args.out)
    return out


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InvalidRequest("--card", text, "the start time must be a number of seconds") from None


def _moderate(args) -> int:
    from safety.moderation import PromptModerator

    if args.file:
        if not args.file.is_file():
            raise InvalidRequest("--file", str(args.file), "no such file")
        prompts = [line.rstrip("\n") for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    elif args.prompt is not None:
        prompts = [args.prompt]
    else:
        raise InvalidRequest("prompt", None, "give a prompt or --file")
    moderator = PromptModerator()
    verdicts = moderator.moderate_many(prompts)
    for prompt, verdict in zip(prompts, verdicts):
        _emit({"prompt": prompt, "allowed": verdict.allowed, "categories": list(verdict.categories),
               "scores": {k: round(v, 4) for k, v in verdict.scores.items()}, "layer": verdict.layer})
    return 0


def _detect(args, settings) -> dict:
    from .detect import detect_video

    return detect_video(args.file, settings)


def main(argv: list[str] | None = None, stages=None) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    from .config import Settings

    settings = Settings.from_env()
    try:
        if args.command in ("generate", *TOOL_ARGS):
            if stages is None:
                from .config import PROFILES
                from .stack import get_stages

                if args.model and args.model not in PROFILES:
                    raise InvalidRequest("--model", args.model, f"choose one of {', '.join(PROFILES)}")
                stages = get_stages(settings, args.model)
            _emit(_generate(args, stages))
        elif args.command == "moderate":
            return _moderate(args)
        else:
            _emit(_detect(args, settings))
        return 0
    except (PromptRejected, FramesRejected) as exc:
        _emit({"error": exc.user_message, "type": type(exc).__name__, "refused": list(exc.categories)})
        return exc.exit_code
    except SoraSpaceError as exc:
        _emit({"error": exc.user_message, "type": type(exc).__name__})
        return exc.exit_code
    except Exception as exc:  # unexpected: log it fully, show a plain message
        log.exception("unexpected failure")
        _emit({"error": "Something went wrong on our side; the details are in the log.",
               "type": type(exc).__name__})
        return 1
