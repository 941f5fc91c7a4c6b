"""The frame analyzer recovers colour, shape and motion from rendered ground-truth clips."""
import numpy as np
import pytest

from sora_space.embedded.analyzer import analyze, fit_background, is_monotone
from sora_space.embedded.world import (COLOURS, MOTIONS, SHAPES, SPEEDS, ObjectSpec, SceneSpec, render,
                                       sample_background, sample_object)


def test_background_fit_recovers_a_gradient_under_an_object():
    scene = SceneSpec((ObjectSpec("square", "white", "still", "slow", 30, 30, 12),), "navy", "maroon")
    frame = render(scene)[0]
    bg = fit_background(frame)
    assert np.abs(bg[0, 0] - frame[0, 0]).max() < 4 and np.abs(bg[63, 63] - frame[63, 63]).max() < 4


def test_ground_truth_sweep_is_recognised():
    rng = np.random.default_rng(3)
    colours = list(COLOURS)
    hits = {"colour": 0, "shape": 0, "motion": 0}
    n = 0
    for i in range(len(MOTIONS) * 5):
        shape, motion = SHAPES[i % 5], MOTIONS[i // 5]
        colour, speed = colours[i % len(colours)], SPEEDS[i % 2]
        scene = SceneSpec((sample_object(rng, shape, colour, motion, speed),), *sample_background(rng))
        track = analyze(render(scene))[0]
        expected = "still" if motion == "spin" and shape in ("circle", "ring") else motion
        hits["colour"] += track.colour == colour
        hits["shape"] += track.shape == shape
        hits["motion"] += track.motion == expected
        n += 1
    assert hits["colour"] == n and hits["shape"] >= 0.95 * n and hits["motion"] >= 0.95 * n, hits


@pytest.mark.parametrize("motion", ["right", "left", "up-left", "down-right"])
def test_straight_tracks_are_monotone_and_point_the_right_way(motion):
    scene = SceneSpec((sample_object(np.random.default_rng(1), "circle", "red", motion, "slow"),), "black")
    track = analyze(render(scene))[0]
    assert track.motion == motion and track.monotone and track.found_fraction == 1.0


def test_two_objects_are_tracked_separately():
    scene = SceneSpec((ObjectSpec("circle", "red", "right", "slow", 14, 16, 8),
                       ObjectSpec("square", "blue", "down", "slow", 48, 14, 8)), "gray")
    tracks = {t.colour: t for t in analyze(render(scene), n_objects=2)}
    assert tracks["red"].motion == "right" and tracks["blue"].motion == "down"
    assert tracks["red"].shape == "circle" and tracks["blue"].shape == "square"


def test_noise_only_video_has_no_confident_object_and_back_and_forth_is_not_monotone():
    blank = np.full((16, 64, 64, 3), 30, np.uint8)
    assert analyze(blank) == []
    zigzag = np.array([[float(x), 10.0] for x in (0, 3, 2, 5, 4, 7)])
    assert not is_monotone(zigzag)
