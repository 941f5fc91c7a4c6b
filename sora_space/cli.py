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

    gen = sub.add_parser("generate", help="generate a watermarked MP4 from a prompt")
    gen.add_argument("prompt")
    gen.add_argument("--out", type=Path, help="where to write the MP4 (default: the output folder)")
    gen.add_argument("--seed", type=int, help="seed (default: random; the seed used is printed)")
    gen.add_argument("--frames", type=int)
    gen.add_argument("--steps", type=int)
    gen.add_argument("--guidance", type=float)
    gen.add_argument("--size", help="WIDTHxHEIGHT, e.g. 832x480")
    gen.add_argument("--negative", dest="negative_prompt", help="negative prompt")
    gen.add_argument("--model", help="model profile (default: chosen automatically)")
    gen.add_argument("--no-enhance", action="store_true", help="use the prompt as written")

    mod = sub.add_parser("moderate", help="moderate prompts: one JSON line each")
    mod.add_argument("prompt", nargs="?")
    mod.add_argument("--file", type=Path, help="a text file with one prompt per line")

    det = sub.add_parser("detect", help="does this video carry the Sora Space watermark?")
    det.add_argument("file", type=Path)
    return parser


def _generate(args, stages) -> dict:
    from .pipeline import GenerateRequest, run_request
    from .requests import parse_size

    width = height = None
    if args.size:
        width, height = parse_size(args.size)
    request = GenerateRequest(prompt=args.prompt, negative_prompt=args.negative_prompt, seed=args.seed,
                              frames=args.frames, width=width, height=height, steps=args.steps,
                              guidance=args.guidance, enhance=not args.no_enhance)
    result = run_request(request, stages)
    out = result.to_json()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(result.video, args.out)
        out["video"] = str(args.out)
    return out


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
        if args.command == "generate":
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
