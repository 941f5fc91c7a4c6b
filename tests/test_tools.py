"""Creative tools: request building and validation, and what the shared sampler does with each plan."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from safety.provenance import sha256_of_file
from sora_space.config import Settings
from sora_space.errors import InvalidRequest
from sora_space.tools import (BRIDGE_SOFT_HOLD, CONTINUATION_STRENGTH, REMIX_STOCHASTICITY, blend_curve,
                              blend_request, fit_frames, parse_cards, recut_request, remix_request, storyboard_request,
                              storyboard_weights)
from sora_space.types import SamplingPlan
from sora_space.video_io import write_mp4


class NoMark:
    def detect_file(self, path):
        from safety.types import Detection
        return Detection(False, 0.0)


@pytest.fixture(scope="module")
def engine():
    from sora_space.loading import load_engine

    return load_engine("embedded", Settings(device="cpu"))


@pytest.fixture
def clip(tmp_path):
    """A 2-second 8 fps clip of a white square moving right on grey, 128x96."""
    frames = np.full((16, 96, 128, 3), 90, np.uint8)
    for t in range(16):
        frames[t, 40:56, 8 + 6 * t:24 + 6 * t] = 255
    return write_mp4(frames, 8, tmp_path / "clip.mp4"), frames


def test_fit_frames_crops_resizes_and_resamples():
    frames = np.zeros((30, 90, 160, 3), np.uint8)
    frames[:, :, 60:100] = 255  # a bright centre stripe survives the centre crop
    out = fit_frames(frames, 16, 64, 64)
    assert out.shape == (16, 64, 64, 3) and out[:, :, 32].mean() > 200


def test_storyboard_weights_switch_cards_with_a_ramp():
    w = storyboard_weights([0.0, 1.0], n=16, fps=8, ramp_s=0.25)
    assert np.allclose(w.sum(1), 1)
    assert (w[:6, 0] == 1).all() and (w[10:, 1] == 1).all()
    assert 0 < w[8, 1] < 1 or 0 < w[7, 1] < 1, "frames at the cut are mixed"
    assert np.all(np.diff(w[:, 1]) >= 0)


def test_blend_curve_is_monotone_from_0_to_1():
    for curve in ("linear", "ease"):
        w = blend_curve(16, 0.25, 0.5, curve)
        assert w[0] == 0 and w[-1] == 1 and np.all(np.diff(w) >= 0)


@pytest.mark.parametrize("text, message", [("no colon here", "SECONDS: prompt"), ("x: a cat", "SECONDS"),
                                           ("1:   ", "SECONDS")])
def test_parse_cards_errors(text, message):
    with pytest.raises(InvalidRequest, match=message):
        parse_cards(text)


def test_storyboard_validation(engine):
    p, s = engine.profile, Settings()
    assert len(storyboard_request(p, s, NoMark(), cards="0: a red circle\n1: a blue square").plan.extra_prompts) == 1
    for cards, message in [("1: late start", "start at 0"), ("0: a\n3: b", "increase and stay below"),
                           ("0: a\n0: b", "increase")]:
        with pytest.raises(InvalidRequest, match=message):
            storyboard_request(p, s, NoMark(), cards=cards)


def test_recut_plan_holds_kept_frames(engine, clip, tmp_path):
    path, frames = clip
    request = recut_request(engine.profile, Settings(), NoMark(), video=path, prompt="a white square",
                            keep_start_s=0.0, keep_end_s=1.0, extend_frames=8, direction="forward")
    plan = request.plan
    assert plan.known.tolist() == [True] * 8 + [False] * 8 and request.uploads[0].shape[0] == 16
    assert request.upload_sha256 == (sha256_of_file(path),)
    # The new frames start from the last held frame, noised CONTINUATION_STRENGTH of the way (not pure noise).
    assert plan.init_frames is plan.known_frames and plan.strength == CONTINUATION_STRENGTH < 1.0
    assert all(np.array_equal(f, plan.known_frames[7]) for f in plan.known_frames[8:])
    with pytest.raises(InvalidRequest, match="extend_frames"):
        recut_request(engine.profile, Settings(), NoMark(), video=path, prompt="x", extend_frames=16)
    with pytest.raises(InvalidRequest, match="keep_end_s"):
        recut_request(engine.profile, Settings(), NoMark(), video=path, prompt="x", keep_start_s=1.0,
                      keep_end_s=0.5)


def test_blend_validation(engine, clip):
    path, _ = clip
    p, s = engine.profile, Settings()
    with pytest.raises(InvalidRequest, match="video_b"):
        blend_request(p, s, NoMark(), prompt_a="a", prompt_b="b", video_a=path)
    with pytest.raises(InvalidRequest, match="bridge needs two videos"):
        blend_request(p, s, NoMark(), prompt_a="a", prompt_b="b", mode="bridge")
    with pytest.raises(InvalidRequest, match="`curve`"):
        blend_request(p, s, NoMark(), prompt_a="a", prompt_b="b", curve="bouncy")
    with pytest.raises(InvalidRequest, match="`soft_hold` = -0.1"):
        blend_request(p, s, NoMark(), prompt_a="a", prompt_b="b", soft_hold=-0.1)
    bridge = blend_request(p, s, NoMark(), prompt_a="a", prompt_b="b", video_a=path, video_b=path, mode="bridge")
    assert bridge.plan.known[0] and bridge.plan.known[-1] and not bridge.plan.known.all()
    assert bridge.upload_sha256 == (sha256_of_file(path),) * 2     # so the pipeline can recognise our own output


def test_bridge_middle_starts_as_a_dissolve_between_the_held_edges(engine, tmp_path):
    size = engine.profile.default_size
    n, h, w = engine.profile.frames, size.height, size.width
    a, b = np.zeros((n, h, w, 3), np.uint8), np.full((n, h, w, 3), 200, np.uint8)
    paths = []
    for name, frames in (("a", a), ("b", b)):
        paths.append(write_mp4(frames, engine.profile.fps, tmp_path / f"{name}.mp4"))
    plan = blend_request(engine.profile, Settings(), NoMark(), prompt_a="a", prompt_b="b", video_a=paths[0],
                         video_b=paths[1], mode="bridge", curve="linear", span=0.5).plan
    middle = ~plan.known
    levels = plan.known_frames[middle].reshape(middle.sum(), -1).mean(1)     # (M,) grey level of each middle frame
    assert levels[0] > 0 and levels[-1] < 200 and np.all(np.diff(levels) > 0), levels
    assert plan.init_frames is plan.known_frames and plan.strength == CONTINUATION_STRENGTH
    assert plan.soft_hold == BRIDGE_SOFT_HOLD
    mask = engine._plan_to_latents(plan, engine.params(prompt="a"), (1, 12, n, 8, 8))["known_mask"].flatten()
    held = torch.as_tensor(plan.known)                                # the embedded codec: one latent frame a frame
    assert torch.all(mask[held] == 1) and torch.allclose(mask[~held], torch.tensor(BRIDGE_SOFT_HOLD))


def test_remix_strength_validated_and_upload_rejected(engine, clip, tmp_path):
    path, _ = clip
    with pytest.raises(InvalidRequest, match="`strength` = 1.5"):
        remix_request(engine.profile, Settings(), NoMark(), video=path, prompt="x", strength=1.5)
    bogus = tmp_path / "bogus.mp4"
    bogus.write_bytes(b"not a video at all")
    with pytest.raises(InvalidRequest, match="not a video"):
        remix_request(engine.profile, Settings(), NoMark(), video=bogus, prompt="x")


def test_extend_keeps_held_frames_exactly_in_pixel_space(engine, clip):
    path, _ = clip
    request = recut_request(engine.profile, Settings(), NoMark(), video=path, prompt="a white square moving right",
                            keep_end_s=1.0, extend_frames=8)
    raw = engine.generate(prompt=request.prompt, seed=3, plan=request.plan, steps=6)
    held = request.plan.known_frames[:8].astype(int)
    if engine.components.codec.latent_channels == 3 and engine.components.codec.spatial_factor == 1:
        assert np.abs(raw.frames[:8].astype(int) - held).max() <= 1
    else:  # a learned codec: kept frames within its reconstruction error
        assert np.abs(raw.frames[:8].astype(int) - held).mean() < 12


def test_remix_strength_zero_returns_input_and_one_ignores_it(engine, clip, tmp_path):
    path, frames = clip
    r0 = remix_request(engine.profile, Settings(), NoMark(), video=path, prompt="x", strength=0.0)
    assert r0.upload_sha256 == (sha256_of_file(path),)
    out0 = engine.generate(prompt="a white square", seed=1, plan=r0.plan, steps=5).frames
    assert np.abs(out0.astype(int) - r0.plan.init_frames.astype(int)).mean() < 12
    other = write_mp4(255 - frames, engine.profile.fps, tmp_path / "other.mp4")
    outs = []
    for video in (path, other):
        r1 = remix_request(engine.profile, Settings(), NoMark(), video=video, prompt="x", strength=1.0)
        assert r1.plan.stochasticity == REMIX_STOCHASTICITY > 0
        outs.append(engine.generate(prompt="a white square", seed=1, plan=r1.plan, steps=5).frames)
    assert np.array_equal(*outs), "strength 1 starts from pure noise: the input has no say"
    again = engine.generate(prompt="a white square", seed=1, plan=r1.plan, steps=5).frames
    assert np.array_equal(again, outs[0]), "the stochastic steps' noise comes from the seed"


def test_single_card_storyboard_equals_plain_generation(engine):
    plain = engine.generate(prompt="a red circle", seed=2, steps=4).frames
    one = SamplingPlan(prompt_weights=np.ones((engine.profile.frames, 1), np.float32))
    assert np.array_equal(engine.generate(prompt="a red circle", seed=2, steps=4, plan=one).frames, plain)


def test_two_card_storyboard_runs_and_restores_processors(engine):
    transformer = engine.components.transformer
    before = [type(b.attn2.processor) for b in transformer.blocks]
    n = engine.profile.frames
    plan = storyboard_request(engine.profile, Settings(), NoMark(), cards="0: a red circle\n1: a blue square").plan
    frames = engine.generate(prompt="a red circle", seed=2, steps=4, plan=plan).frames
    assert frames.shape[0] == n
    assert [type(b.attn2.processor) for b in transformer.blocks] == before


def test_per_frame_attention_with_equal_prompts_matches_stock():
    from sora_space.conditioning import per_frame_prompts
    from sora_space.loading import build_random_embedded_transformer

    model = build_random_embedded_transformer().eval()
    x = torch.randn(1, 3, 4, 16, 16)
    text = torch.randn(1, 8, 384)
    t = torch.tensor([500.0])
    with torch.no_grad():
        stock = model(x, t, text, return_dict=False)[0]
        weights = torch.tensor([[1.0, 0.0], [0.7, 0.3], [0.3, 0.7], [0.0, 1.0]])
        with per_frame_prompts(model, weights, (4, 2, 2)):
            mixed = model(x, t, torch.cat([text, text], dim=1), return_dict=False)[0]
    assert torch.allclose(stock, mixed, atol=1e-5)


def test_loop_runs_through_the_shared_sampler(engine):
    frames = engine.generate(prompt="a red circle orbiting", seed=4, steps=4, plan=SamplingPlan(loop=True)).frames
    assert frames.shape[0] == engine.profile.frames


# What each tool does on the trained embedded model (issue 6); bench/tools.py prints the same measurements.
def _trained(engine):
    if not engine.profile.trained:
        pytest.skip("needs the trained embedded model")


def test_loop_cut_moves_the_wrap_to_the_smallest_step_without_changing_frames():
    from sora_space.engine import cut_loop_at_smoothest_step

    # A cycle of 8 grey levels whose smallest step is 40 -> 41 (frames 3 -> 4); first frame 0 is level 10.
    levels = np.array([10, 30, 35, 40, 41, 60, 50, 20], np.uint8)
    frames = np.broadcast_to(levels[:, None, None, None], (8, 2, 2, 3)).copy()
    cut, moved = cut_loop_at_smoothest_step(frames)
    assert moved == 4 and cut[:, 0, 0, 0].tolist() == [41, 60, 50, 20, 10, 30, 35, 40]   # wraps 40 -> 41
    kept, moved = cut_loop_at_smoothest_step(frames, start=1)     # causal codecs: frame 0 stays first
    assert kept[0, 0, 0, 0] == 10 and kept[1:, 0, 0, 0].tolist() == [41, 60, 50, 20, 30, 35, 40] and moved == 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_loop_seam_is_its_smallest_step_and_the_cycle_is_smooth(engine, seed):
    """The issue's bar (seam <= the median adjacent difference) holds because the engine cuts the cyclic clip at its
    smallest step. What the latent shift itself must achieve is checked on the cycle, wherever it is cut: played on
    repeat, no step is as large as the plain clip's largest (v6, seeds 0-7: 0.54-0.73 of it)."""
    from sora_space.tool_eval import measure_loop

    _trained(engine)
    r = measure_loop(engine, seed)
    assert r["seam"] <= r["median_adjacent"] and r["seam_rank"] == 0.0, r
    assert r["max_cyclic_step"] <= 0.9 * r["max_cyclic_step_without_loop"], r


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_extend_keeps_the_head_and_its_seam_stays_in_the_clips_range(engine, seed):
    from sora_space.tool_eval import measure_extend

    _trained(engine)
    r = measure_extend(engine, seed)
    assert r["kept_mean_abs_error"] < 6.0, r  # codec round trip (~3) on top of the MP4 upload's (~3)
    assert r["seam"] <= r["adjacent_range"][1], r
    assert r["extended"]["colour"] == "red", r


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crossfade_blend_goes_from_a_to_b_without_a_larger_jump(engine, seed):
    from sora_space.tool_eval import measure_blend

    _trained(engine)
    r = measure_blend(engine, seed, "crossfade")
    assert (r["head"]["colour"], r["tail"]["colour"]) == ("red", "blue"), r
    assert r["max_jump"] <= r["max_jump_inputs"], r


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bridge_soft_hold_smooths_the_transition_and_stays_within_the_inputs(engine, seed):
    """With only a hard hold the model swaps A's backdrop and object for B's in one step; pulled toward the dissolve
    it morphs one into the other. At the default span (0.75) seeds 0-15 all stay within the inputs' largest jump
    (bench/tools.py prints seeds 0-7)."""
    from sora_space.tool_eval import measure_blend

    _trained(engine)
    soft = measure_blend(engine, seed, "bridge")
    hard = measure_blend(engine, seed, "bridge", soft_hold=0.0)
    assert (soft["head"]["colour"], soft["tail"]["colour"]) == ("red", "blue"), soft
    assert soft["max_jump"] < hard["max_jump"], (soft, hard)
    assert soft["max_jump"] <= soft["max_jump_inputs"], soft


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_storyboard_colours_and_shapes_follow_the_cards(engine, seed):
    from sora_space.tool_eval import measure_storyboard

    _trained(engine)
    r = measure_storyboard(engine, seed)
    assert (r["first_part"]["colour"], r["last_part"]["colour"]) == ("red", "blue"), r
    assert (r["first_part"]["shape"], r["last_part"]["shape"]) == ("circle", "square"), r


def test_remix_takes_the_new_colour_keeps_the_motion_and_strength_sets_closeness(engine):
    from sora_space.tool_eval import measure_remix

    _trained(engine)
    runs = [measure_remix(engine, seed, strengths=(0.0, 0.2, 0.7)) for seed in (0, 1, 2)]
    for r in runs:
        by = r["by_strength"]
        assert by[0.0]["psnr_to_input"] > 30 and by[0.2]["psnr_to_input"] > by[0.7]["psnr_to_input"], by
    # With Remix's stochastic sampler every seed is blue and moving right (16 of seeds 0-15, 32 of unseen 16-47);
    # the deterministic one gave 13 and 17.
    assert all(r["by_strength"][0.7]["colour"] == "blue" and r["by_strength"][0.7]["motion"] == "right"
               for r in runs), [r["by_strength"][0.7] for r in runs]


def test_extend_encodes_its_held_frames_once(engine, clip, monkeypatch):
    # The held frames are both the frames to keep and the start of the new ones: one codec pass serves both.
    path, _ = clip
    request = recut_request(engine.profile, Settings(), NoMark(), video=path, prompt="a white square",
                            keep_end_s=1.0, extend_frames=8)
    codec, calls = engine.components.codec, []
    encode = codec.encode
    monkeypatch.setattr(codec, "encode", lambda video: calls.append(video.shape) or encode(video))
    engine.generate(prompt=request.prompt, seed=0, plan=request.plan, steps=2)
    assert len(calls) == 1, calls
