"""Recaptioner for the embedded profile: free-form prompt -> the caption style the embedded model was trained on.

Contract: `EmbeddedRecaptioner().recaption(prompt, seed) -> Recaption`. A deterministic parser (the seed is accepted
for interface compatibility and ignored) finds, per object clause, a colour, a shape, a motion and a speed among
known words and synonyms, plus one background, and writes them in a training template, e.g.
"a crimson ball zooming rightwards across a night sky" -> "a red circle moving right quickly on a navy background".
Unknown words are dropped, never guessed: an unknown colour word gives a caption without a colour. When no known
word is found at all the prompt is returned unchanged (`enhanced=False`) with a note. Never raises on text input.
"""
from __future__ import annotations

import re

from sora_space.types import Recaption

from .captions import BACKGROUND_WORDS

_COLOUR_LEXICON = {
    "red": "red crimson scarlet ruby cherry vermilion", "orange": "orange tangerine amber",
    "yellow": "yellow golden gold lemon", "green": "green emerald lime jade olive",
    "cyan": "cyan aqua turquoise", "blue": "blue azure cobalt sapphire indigo",
    "purple": "purple violet lilac lavender plum", "pink": "pink magenta rose fuchsia",
    "white": "white ivory snowy silver",
}
_SHAPE_LEXICON = {
    "circle": "circle ball disc disk dot sphere orb bubble", "square": "square box block cube rectangle",
    "triangle": "triangle wedge pyramid", "star": "star starfish", "ring": "ring donut doughnut hoop torus",
}
# Phrases checked before single words so that "moving in a circle" is a motion, not a shape.
_MOTION_PHRASES = [
    ("orbit", r"in a circle|round in a circle|circular path|going round|circling|circles around|orbit\w*|revolv\w*|loop\w*"),
    ("bounce", r"bounc\w*|hopp\w*|hops|bobbing|bobs|jumping|jumps"),
    ("grow", r"grow\w*|bigger|larger|expand\w*|enlarg\w*|swell\w*|inflat\w*"),
    ("shrink", r"shrink\w*|smaller|contract\w*|dwindl\w*|deflat\w*"),
    ("spin", r"spin\w*|rotat\w*|twirl\w*|turning in place|turns in place|whirl\w*"),
    ("still", r"still|motionless|stationary|not moving|resting|static|at rest|frozen in place"),
]
_HORIZONTAL = [("right", r"right\w*|east\w*"), ("left", r"left\w*|west\w*")]
_VERTICAL = [("up", r"up|upward\w*|top|ris\w*|climb\w*|ascend\w*|north\w*|lift\w*"),
             ("down", r"down|downward\w*|bottom|fall\w*|sink\w*|descend\w*|drop\w*|south\w*")]
_SPEED = [("fast", r"fast|quick\w*|rapid\w*|swift\w*|zoom\w*|rac\w*|speed\w*|dash\w*|hurtl\w*"),
          ("slow", r"slow\w*|gentl\w*|leisurel\w*|crawl\w*|lazil\w*")]
# Checked in order: specific colours before the bare "dark" that means black.
_BACKGROUND_EXTRA = {"navy": "night sky|midnight|dark blue|navy", "gray": "gr[ae]y|overcast",
                     "teal": "teal|deep sea|ocean", "maroon": "maroon|dark red|wine", "forest": "forest|dark green|jungle",
                     "black": "black|space|darkness|dark"}
_DIAGONAL = re.compile(r"\b(up|down)(?:wards?)?\s+and\s+(?:to\s+the\s+)?(right|left)\b")
_BACKGROUND_CLAUSE = re.compile(
    r"\b(?:on|over|against|across|in front of|through|in)\s+(?:an?|the)?\s*([\w\s-]*?)\s*"
    r"(background|backdrop|sky|gradient|space|darkness|ocean|forest)\b")
_CLAUSE_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bwhile\b|\bwith\b|\bas\b|\bbeside\b)\s*")


def _word_map(lexicon: dict[str, str]) -> dict[str, str]:
    return {word: name for name, words in lexicon.items() for word in words.split()}


_COLOURS = _word_map(_COLOUR_LEXICON)
_SHAPES = _word_map(_SHAPE_LEXICON)
_SHAPES.update({w + "s": n for w, n in list(_SHAPES.items())})
_ARTICLE_VOWELS = "aeiou"
_DIRECTION_TEXT = {"right": "right", "left": "left", "up": "up", "down": "down",
                   "up-right": "up and to the right", "up-left": "up and to the left",
                   "down-right": "down and to the right", "down-left": "down and to the left"}
_MOTION_TEXT = {"orbit": "orbiting", "bounce": "bouncing", "grow": "growing", "shrink": "shrinking",
                "spin": "spinning", "still": "staying still"}


def _find(patterns, text: str) -> tuple[str | None, str]:
    """First pattern name that matches `text` as whole words, and the text with that match removed."""
    for name, pattern in patterns:
        match = re.search(rf"\b(?:{pattern})\b", text)
        if match:
            return name, text[:match.start()] + " " + text[match.end():]
    return None, text


def _parse_clause(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    motion, text = _find(_MOTION_PHRASES, text)
    speed, text = _find(_SPEED, text)
    horizontal, text = _find(_HORIZONTAL, text)
    vertical, text = _find(_VERTICAL, text)
    if motion is None and horizontal and vertical:
        motion = f"{vertical}-{horizontal}"
    elif motion is None and (horizontal or vertical):
        motion = horizontal or vertical
    for word in re.findall(r"[a-z]+", text):
        if word in _COLOURS and "colour" not in found:
            found["colour"] = _COLOURS[word]
        elif word in _SHAPES and "shape" not in found:
            found["shape"] = _SHAPES[word]
    if motion:
        found["motion"] = motion
    if speed and motion != "still":
        found["speed"] = speed
    return found


def _background(text: str) -> tuple[str | None, str]:
    match = _BACKGROUND_CLAUSE.search(text)
    if not match:
        return None, text
    words = f"{match.group(1)} {match.group(2)}"
    rest = text[:match.start()] + " " + text[match.end():]
    for name, pattern in _BACKGROUND_EXTRA.items():
        if re.search(rf"\b(?:{pattern})\b", words):
            return name, rest
    return None, rest  # a background we cannot draw: dropped


def _render(obj: dict[str, str], background: str | None) -> str:
    colour, shape = obj.get("colour", ""), obj.get("shape", "shape")
    first = colour or shape
    article = "an" if first[0] in _ARTICLE_VOWELS else "a"
    motion = obj.get("motion")
    if motion in _DIRECTION_TEXT:
        phrase = f"moving {_DIRECTION_TEXT[motion]}"
    else:
        phrase = _MOTION_TEXT.get(motion, "")
    speed = {"fast": "quickly", "slow": "slowly"}.get(obj.get("speed", ""), "")
    body = " ".join(w for w in (colour, shape, phrase) if w)
    if background:
        bg = BACKGROUND_WORDS[background][0]
        return " ".join(w for w in (body, speed, f"on a {bg} background") if w)
    return " ".join(w for w in (article, body, speed) if w)


class EmbeddedRecaptioner:
    """Parser-based prompt rewriting into the embedded model's training caption style."""

    max_objects = 2

    def recaption(self, prompt: str, seed: int = 0) -> Recaption:
        text = " ".join(str(prompt).lower().replace("-", " ").split())
        text = _DIAGONAL.sub(r"\1 \2", text)  # "up and to the right" is one motion, not two clauses
        background, text = _background(text)
        objects = [o for o in (_parse_clause(c) for c in _CLAUSE_SPLIT.split(text) if c.strip()) if o]
        # A clause with only a motion/speed ("... and moving right") belongs to the previous object.
        merged: list[dict[str, str]] = []
        for obj in objects:
            if merged and not ({"colour", "shape"} & obj.keys()):
                merged[-1] = {**obj, **merged[-1]}
            else:
                merged.append(obj)
        merged = merged[:self.max_objects]
        if not merged:
            return Recaption(text=prompt, enhanced=False,
                             note="no shape, colour or motion the embedded model knows; using your prompt as written")
        caption = " and ".join(_render(o, background if i == len(merged) - 1 and len(merged) == 1 else None)
                               for i, o in enumerate(merged))
        changed = caption != prompt
        return Recaption(text=caption, enhanced=changed,
                         note="rewritten into the embedded model's caption style" if changed else "")
