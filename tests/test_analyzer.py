"""The frame analyzer recovers colour, shape and motion from rendered ground-truth clips."""
import numpy as np
import pytest

from sora_space.embedded.analyzer import (analyze, classify_shape, fit_background, is_monotone, shape_features,
                                         template_scores)
from sora_space.embedded.world import (COLOURS, MOTIONS, SHAPES, SPEEDS, ObjectSpec, SceneSpec, render, shape_sdf,
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


def _drawn(shape: str, stretch: float = 1.0, angle: float = 0.3, radius: float = 10.0, hole: float | None = None):
    """A 64x64 mask of the world's shape, stretched along x by `stretch` (an oval circle, a rectangle square)."""
    ys, xs = np.mgrid[0:64, 0:64] + 0.5 - 32.0
    x, y = xs / stretch, ys
    c, s = np.cos(-angle), np.sin(-angle)
    mask = shape_sdf(shape, c * x - s * y, s * x + c * y, radius) <= 0
    if hole is not None:  # a ring drawn with a smaller hole than the world's (generated rings have 8-14 %)
        mask = (np.hypot(xs, ys) <= radius) & (np.hypot(xs, ys) > hole * radius)
    return mask


@pytest.mark.parametrize("shape", ["circle", "square", "triangle", "star", "ring"])
@pytest.mark.parametrize("stretch", [1.0, 1.3])
def test_stretched_drawings_are_named_by_what_they_resemble(shape, stretch):
    # Generated circles are often ovals (aspect ~1.3) and squares rectangles: a compactness threshold called all of
    # them squares; the moment-normalised templates do not depend on the aspect ratio.
    assert classify_shape(_drawn(shape, stretch)) == shape


def test_a_ring_with_a_small_hole_is_still_a_ring_and_a_full_disc_is_not():
    assert classify_shape(_drawn("ring", hole=0.3)) == "ring"      # hole = 9 % of the disc
    assert classify_shape(_drawn("circle")) == "circle"
    features = shape_features(_drawn("circle"))
    assert features["hole_ratio"] == 0 and features["solidity"] > 0.9


def test_template_scores_prefer_the_true_shape_by_a_margin():
    for shape in ("circle", "square", "triangle", "star"):
        scores = template_scores(_drawn(shape, 1.15, angle=0.7))
        best, runner_up = sorted(scores.values())[-1], sorted(scores.values())[-2]
        assert max(scores, key=scores.get) == shape and best - runner_up > 0.03, scores
