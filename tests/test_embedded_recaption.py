"""EmbeddedRecaptioner rewrites free-form prompts into the embedded model's training caption style."""
import numpy as np
import pytest

from sora_space.embedded.captions import canonical_caption, random_caption
from sora_space.embedded.dataset import heldout_scenes
from sora_space.embedded.recaption import EmbeddedRecaptioner
from sora_space.types import Recaption


@pytest.fixture(scope="module")
def recaptioner():
    return EmbeddedRecaptioner()


@pytest.mark.parametrize("prompt,expected", [
    ("a crimson ball zooming rightwards across a night sky", "red circle moving right quickly on a navy background"),
    ("red circle moving right", "a red circle moving right"),
    ("Blue circle moving LEFT", "a blue circle moving left"),
    ("a yellow star moving up and to the right", "a yellow star moving up and to the right"),
    ("an emerald donut spinning fast", "a green ring spinning quickly"),
    ("a red ball moving in a circle", "a red circle orbiting"),
    ("a cube of ruby falling slowly", "a red square moving down slowly"),
    ("a white box bobbing up and down and a pink star shrinking", "a white square bouncing and a pink star shrinking"),
])
def test_known_phrasings_map_to_training_style(recaptioner, prompt, expected):
    out = recaptioner.recaption(prompt, seed=0)
    assert isinstance(out, Recaption)
    assert out.text == expected


def test_unknown_words_are_dropped_not_guessed(recaptioner):
    out = recaptioner.recaption("a mauve circle wobbling near a teapot", seed=0)
    assert out.text == "a circle"  # no colour invented for "mauve", no motion for "wobbling"
    nothing = recaptioner.recaption("hello world", seed=0)
    assert nothing.text == "hello world" and not nothing.enhanced and nothing.note


def test_same_prompt_same_caption_for_any_seed(recaptioner):
    prompt = "a violet hoop drifting to the left on a grey background"
    assert recaptioner.recaption(prompt, 1) == recaptioner.recaption(prompt, 99)


def test_heldout_phrasings_recover_the_canonical_caption(recaptioner):
    rng = np.random.default_rng(0)
    scenes = heldout_scenes(rng, 40)
    hits = 0
    for scene in scenes:
        phrasing = random_caption(scene, rng, heldout=True)
        out = recaptioner.recaption(phrasing, 0).text
        obj = scene.objects[0]
        canonical = canonical_caption(scene)
        words = canonical.split()
        hits += (obj.colour in out.split() and obj.shape in out.split()
                 and " ".join(words[3:]) in out)  # the motion phrase
    assert hits >= 0.9 * len(scenes)
