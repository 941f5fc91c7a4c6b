"""Profiles, settings from the environment, default-profile choice and request validation."""
from __future__ import annotations

from dataclasses import replace

import re

import pytest

from sora_space import config
from sora_space.codecs import PixelCodec
from sora_space.config import PROFILES, Settings, choose_default_profile, get_profile
from sora_space.errors import InvalidRequest
from sora_space.requests import check_prompt, parse_size, resolve_params


def test_settings_from_env(tmp_path):
    s = Settings.from_env({"SORA_MODEL": "embedded", "SORA_OUTPUT_DIR": str(tmp_path), "SORA_STORE_PROMPTS": "1",
                           "SPACE_ID": "user/space", "SORA_CLIP_PRETRAINED": "none", "SORA_ENHANCE": "0"})
    assert s.model == "embedded" and s.output_dir == tmp_path and s.store_prompts and s.on_space
    assert s.clip_pretrained is None and not s.enhance_prompts
    assert Settings.from_env({}).watermark_key is None


def test_default_profile_choice(monkeypatch):
    monkeypatch.setattr(config, "hub_weights_available", lambda repo, offline: True)
    assert choose_default_profile(Settings(), cuda_available=True) == "wan2.1-1.3b"
    assert choose_default_profile(Settings(), cuda_available=False) == "embedded"
    monkeypatch.setattr(config, "hub_weights_available", lambda repo, offline: False)
    assert choose_default_profile(Settings(), cuda_available=True) == "embedded"
    assert choose_default_profile(Settings(model="wan2.1-1.3b"), cuda_available=False) == "wan2.1-1.3b"
    with pytest.raises(KeyError):
        choose_default_profile(Settings(model="nope"))


def test_hub_weights_unavailable_offline():
    assert config.hub_weights_available("Wan-AI/Wan2.1-T2V-1.3B-Diffusers", offline=True) is False


def test_untrained_embedded_profile_is_labelled(tmp_path, monkeypatch):
    monkeypatch.setitem(PROFILES, "embedded", replace(PROFILES["embedded"], source=str(tmp_path)))
    profile = get_profile("embedded")
    assert not profile.trained and "random weights" in profile.label
    assert profile.generated_nudity_threshold is None   # measured for the shipped weights only


def test_only_the_shipped_embedded_model_relaxes_its_own_nudity_threshold():
    assert all(get_profile(name).generated_nudity_threshold is None for name in PROFILES if name != "embedded")
    shipped = get_profile("embedded")
    if shipped.trained:
        assert shipped.generated_nudity_threshold == config.EMBEDDED_GENERATED_NUDITY_THRESHOLD


class WanLikeCodec(PixelCodec):
    causal, temporal_factor, spatial_factor = True, 4, 8


def test_validation_names_argument_and_value():
    wan = PROFILES["wan2.1-1.3b"]
    codec = WanLikeCodec()
    ok = resolve_params(wan, codec, (1, 2, 2), prompt="  a cat  ", seed=3)
    assert ok.prompt == "a cat" and ok.frames == 81 and (ok.width, ok.height) == (832, 480)
    cases = [
        (dict(frames=80), "`frames` = 80: this model takes 77, 81"),
        (dict(width=830), "`width` = 830: must be a multiple of 16 (try 816 or 832)"),
        (dict(width=1600, height=1600), "larger than this model's maximum"),
        (dict(steps=101), "`steps` = 101: must be between 1 and 100"),
        (dict(steps=2.5), "`steps` = 2.5: must be a whole number"),
        (dict(guidance=0.5), "`guidance` = 0.5: must be between 1.0 and 20.0"),
        (dict(guidance=float("nan")), "`guidance`"),
        (dict(seed=-1), "`seed` = -1"),
        (dict(seed=2**32), "`seed` = 4294967296"),
    ]
    for kwargs, message in cases:
        with pytest.raises(InvalidRequest) as err:
            resolve_params(wan, codec, (1, 2, 2), prompt="a cat", **kwargs)
        assert message in err.value.user_message, (kwargs, err.value.user_message)


def test_prompt_checks():
    for bad, message in [("", "is empty"), ("   ", "is empty"), ("x" * 2001, "limit is 2000"),
                         ("a\x00b", "control character U+0000"), (123, "must be text")]:
        with pytest.raises(InvalidRequest, match=re.escape(message)):
            check_prompt(bad)
    assert check_prompt("line one\nline two\t") == "line one\nline two"
    long_error = pytest.raises(InvalidRequest)
    with long_error as err:
        check_prompt("y" * 100_000)
    assert len(err.value.user_message) < 200, "a huge value is never echoed back"


def test_parse_size():
    assert parse_size("832x480") == (832, 480) and parse_size("64×64") == (64, 64)
    with pytest.raises(InvalidRequest):
        parse_size("wide")
