"""Caption vocabulary and templates for the embedded model's procedural world.

Contract:
- `canonical_caption(scene)` is the one plain caption per scene ("a red circle moving right"); it is what the
  recaptioner produces and is always inside the training distribution.
- `random_caption(scene, rng, heldout=False, wide=False)` draws a phrasing from many templates and synonyms. With
  `heldout=True` it uses templates and verbs that never appear in training (for the adherence benchmark); with
  `wide=True` it adds the wider verbs and framings of the fine-tuning phase (still none of the held-out words).
- `fresh_caption(scene, rng)` draws from a second held-out pool (verbs and framings in no training pool, written after
  the first held-out results were known), so the benchmark can check that wider training did not just learn the
  first held-out pool's near-synonyms.
- Word tables map canonical names (world.COLOURS, SHAPES, MOTIONS, SPEEDS, BACKGROUNDS) to surface words.
"""
from __future__ import annotations

import numpy as np

from .world import ObjectSpec, SceneSpec

COLOUR_WORDS: dict[str, tuple[str, ...]] = {
    "red": ("red", "crimson", "scarlet"),
    "orange": ("orange", "tangerine"),
    "yellow": ("yellow", "golden", "lemon"),
    "green": ("green", "emerald", "lime"),
    "cyan": ("cyan", "aqua", "turquoise"),
    "blue": ("blue", "azure", "cobalt"),
    "purple": ("purple", "violet", "lilac"),
    "pink": ("pink", "magenta", "rose"),
    "white": ("white", "snow white", "ivory"),
}
SHAPE_WORDS: dict[str, tuple[str, ...]] = {
    "circle": ("circle", "ball", "disc", "dot"),
    "square": ("square", "box", "block"),
    "triangle": ("triangle", "wedge"),
    "star": ("star", "starfish shape"),
    "ring": ("ring", "donut", "hoop"),
}
BACKGROUND_WORDS: dict[str, tuple[str, ...]] = {
    "black": ("black", "dark"),
    "gray": ("gray", "grey"),
    "navy": ("navy", "dark blue"),
    "teal": ("teal", "dark teal"),
    "maroon": ("maroon", "dark red"),
    "forest": ("forest green", "dark green"),
}
_DIRECTION_WORDS: dict[str, tuple[str, ...]] = {
    "right": ("right", "to the right", "rightwards"),
    "left": ("left", "to the left", "leftwards"),
    "up": ("up", "upwards", "toward the top"),
    "down": ("down", "downwards", "toward the bottom"),
    "up-right": ("up and to the right", "diagonally up-right", "toward the top right"),
    "up-left": ("up and to the left", "diagonally up-left", "toward the top left"),
    "down-right": ("down and to the right", "diagonally down-right", "toward the bottom right"),
    "down-left": ("down and to the left", "diagonally down-left", "toward the bottom left"),
}
_MOVE_VERBS = ("moving", "moves", "glides", "gliding", "slides", "sliding", "drifts", "travels", "heading")
_HELDOUT_MOVE_VERBS = ("zooming", "cruising", "wandering", "shifting")
# Fine-tuning adds these (the first held-out pool stays out). Held-out raw phrasings lost direction most after a
# framing prefix ("there is ...") or a new verb ("shifting"): MiniLM's token embeddings are contextual, so every
# word around the direction word moves its embedding, and 9 verbs / 8 framings were too few to teach that.
_WIDE_MOVE_VERBS = ("floating", "rolling", "flying", "racing", "sailing", "darting", "sweeping", "going",
                    "travelling", "passing", "creeping", "dashing", "speeding", "heads", "floats", "goes")
_FRESH_MOVE_VERBS = ("hurrying", "journeying", "scooting", "streaking")
_OTHER_MOTION_PHRASES: dict[str, tuple[str, ...]] = {
    "orbit": ("orbiting", "moving in a circle", "circling around", "going round in a circle"),
    "bounce": ("bouncing", "bouncing up and down", "hopping"),
    "grow": ("growing", "getting bigger", "expanding", "growing larger"),
    "shrink": ("shrinking", "getting smaller", "contracting", "shrinking down"),
    "spin": ("spinning", "rotating", "turning in place", "spinning around"),
    "still": ("staying still", "standing still", "not moving", "resting in place"),
}
_HELDOUT_OTHER_MOTION_PHRASES: dict[str, tuple[str, ...]] = {
    "orbit": ("looping around in a circular path",),
    "bounce": ("bobbing up and down",),
    "grow": ("swelling up",),
    "shrink": ("dwindling",),
    "spin": ("twirling",),
    "still": ("sitting motionless",),
}
_WIDE_TEMPLATES = (
    "here is {a} {colour} {shape} {motion}",
    "we see {a} {colour} {shape} {motion} {speed}",
    "a clip of {a} {colour} {shape} {motion}",
    "an animation of {a} {colour} {shape} {motion} on a {bg} background",
    "the {colour} {shape} is {motion}",
    "look, {a} {colour} {shape} is {motion} {speed}",
    "{a} bright {colour} {shape} {motion}",
    "a simple scene: {a} {colour} {shape} {motion} over a {bg} gradient",
    "{a} single {colour} {shape} keeps {motion}",
    "animated {colour} {shape} {motion} {speed}",
)
_FRESH_TEMPLATES = (
    "watch as {a} {colour} {shape} is {motion}",
    "footage showing {a} {colour} {shape} {motion} {speed}",
    "imagine {a} {colour} {shape} {motion}",
)
SPEED_WORDS: dict[str, tuple[str, ...]] = {"slow": ("slowly", "gently"), "fast": ("quickly", "fast", "rapidly")}
_TEMPLATES = (
    "{a} {colour} {shape} {motion}",
    "{colour} {shape} {motion}",
    "{a} {colour} {shape} {motion} {speed}",
    "{a} {colour} {shape} {motion} on a {bg} background",
    "{colour} {shape} {motion} {speed} on a {bg} background",
    "{a} {colour} {shape} {motion} against a {bg} backdrop",
    "{a} {colour} {shape} {motion} over a {bg} gradient",
    "video of {a} {colour} {shape} {motion}",
)
_HELDOUT_TEMPLATES = (
    "there is {a} {colour} {shape} {motion}",
    "in this clip, {a} {colour} {shape} is {motion}",
    "{a} small {colour} {shape} {motion} {speed}",
)


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _verbs(pool: str) -> tuple[str, ...]:
    return {"train": _MOVE_VERBS, "wide": _MOVE_VERBS + _WIDE_MOVE_VERBS, "heldout": _HELDOUT_MOVE_VERBS,
            "fresh": _FRESH_MOVE_VERBS}[pool]


def motion_phrase(obj: ObjectSpec, rng: np.random.Generator | None, heldout: bool = False,
                  pool: str | None = None, ing: bool = False) -> str:
    """Surface words for an object's motion; rng=None gives the canonical phrase. `pool` picks the straight-motion
    verbs ("train", "wide", "heldout", "fresh"; default from `heldout`); other motions use the held-out table for
    "heldout" and "fresh" (too few phrasings exist to split them twice). `ing` keeps only -ing verbs (after "is")."""
    pool = pool or ("heldout" if heldout else "train")
    if obj.motion in _DIRECTION_WORDS:
        if rng is None:
            return f"moving {_DIRECTION_WORDS[obj.motion][0]}"
        verbs = tuple(v for v in _verbs(pool) if v.endswith("ing")) if ing else _verbs(pool)
        return f"{_pick(rng, verbs)} {_pick(rng, _DIRECTION_WORDS[obj.motion])}"
    if rng is None:
        return _OTHER_MOTION_PHRASES[obj.motion][0]
    table = _HELDOUT_OTHER_MOTION_PHRASES if pool in ("heldout", "fresh") else _OTHER_MOTION_PHRASES
    return _pick(rng, table[obj.motion])


def _speed_word(obj: ObjectSpec, rng: np.random.Generator | None) -> str:
    if obj.motion == "still":
        return ""
    return SPEED_WORDS[obj.speed][0] if rng is None else _pick(rng, SPEED_WORDS[obj.speed])


def _background_words(scene: SceneSpec, rng: np.random.Generator | None) -> str:
    first = BACKGROUND_WORDS[scene.background][0] if rng is None else _pick(rng, BACKGROUND_WORDS[scene.background])
    if scene.background2 is None:
        return first
    second = (BACKGROUND_WORDS[scene.background2][0] if rng is None
              else _pick(rng, BACKGROUND_WORDS[scene.background2]))
    return f"{first} to {second}"


def _object_clause(obj: ObjectSpec, scene: SceneSpec, rng: np.random.Generator | None, template: str,
                   pool: str) -> str:
    colour = COLOUR_WORDS[obj.colour][0] if rng is None else _pick(rng, COLOUR_WORDS[obj.colour])
    shape = SHAPE_WORDS[obj.shape][0] if rng is None else _pick(rng, SHAPE_WORDS[obj.shape])
    motion = motion_phrase(obj, rng, pool=pool, ing=any(w in template for w in ("is {motion}", "keeps {motion}")))
    first_word = next((w for w in ("small", "bright", "single") if "{a} " + w in template), colour)
    text = template.format(a=_article(first_word), colour=colour, shape=shape, motion=motion,
                           speed=_speed_word(obj, rng), bg=_background_words(scene, rng))
    return " ".join(text.split())  # collapse doubled spaces from empty slots


def canonical_caption(scene: SceneSpec, with_speed: bool = False) -> str:
    """The plain training-style caption: "a red circle moving right [quickly] and a blue square spinning"."""
    template = "{a} {colour} {shape} {motion} {speed}" if with_speed else "{a} {colour} {shape} {motion}"
    return " and ".join(_object_clause(o, scene, None, template, "train") for o in scene.objects)


_POOL_TEMPLATES = {"train": _TEMPLATES, "wide": _TEMPLATES + _WIDE_TEMPLATES, "heldout": _HELDOUT_TEMPLATES,
                   "fresh": _FRESH_TEMPLATES}


def _caption(scene: SceneSpec, rng: np.random.Generator, pool: str) -> str:
    if len(scene.objects) == 1:
        return _object_clause(scene.objects[0], scene, rng, _pick(rng, _POOL_TEMPLATES[pool]), pool)
    plain = ("{a} {colour} {shape} {motion}", "{a} {colour} {shape} {motion} {speed}", "{colour} {shape} {motion}")
    clauses = [_object_clause(o, scene, rng, _pick(rng, plain), pool) for o in scene.objects]
    return _pick(rng, (" and ", ", ", " while ")).join(clauses)


def random_caption(scene: SceneSpec, rng: np.random.Generator, heldout: bool = False, wide: bool = False) -> str:
    """A random phrasing of the scene. Two-object scenes join two clauses (background mentioned once at most)."""
    return _caption(scene, rng, "heldout" if heldout else ("wide" if wide else "train"))


def fresh_caption(scene: SceneSpec, rng: np.random.Generator) -> str:
    """A phrasing from the second held-out pool (single-object scenes; see the module contract)."""
    return _caption(scene, rng, "fresh")
