"""Position channels (sora_space.positions) and their wiring: the engine appends them only when the profile says so,
and a profile.json whose `position_channels` does not match its transformer is refused at load."""
from dataclasses import replace

import pytest
import torch

from sora_space.positions import POSITION_CHANNELS, add_position_channels


def test_maps_span_the_grid_in_order():
    x = torch.randn(2, 4, 5, 3, 6)
    out = add_position_channels(x)
    assert out.shape == (2, 4 + POSITION_CHANNELS, 5, 3, 6)
    assert torch.equal(out[:, :4], x)
    t, y, w = out[0, 4], out[0, 5], out[0, 6]
    assert t[0].eq(-1).all() and t[-1].eq(1).all() and (t[1:] > t[:-1]).all()        # time rises frame by frame
    assert y[:, 0].eq(-1).all() and y[:, -1].eq(1).all()                             # rows top to bottom
    assert w[..., 0].eq(-1).all() and w[..., -1].eq(1).all() and (w[..., 1:] > w[..., :-1]).all()
    assert torch.equal(out[0, 4:], out[1, 4:])                                        # same maps for every item


def test_scale_stretches_the_maps_only():
    x = torch.randn(1, 2, 4, 4, 4)
    out = add_position_channels(x, scale=10.0)
    assert torch.equal(out[:, :2], x)
    assert out[0, 2:].abs().max() == 10.0 and torch.allclose(out[0, 2:], 10 * add_position_channels(x)[0, 2:])


def test_single_cell_axis_is_zero_and_dtype_is_kept():
    out = add_position_channels(torch.zeros(1, 2, 1, 4, 4, dtype=torch.float16))
    assert out.dtype == torch.float16 and out[0, 2].eq(0).all()


class _Recorder(torch.nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        self.config = type("Cfg", (), {"patch_size": (1, 2, 2), "in_channels": in_channels})()
        self.seen = []

    def forward(self, hidden_states, timestep, encoder_hidden_states, return_dict=False):
        self.seen.append(hidden_states.shape[1])
        return (torch.zeros_like(hidden_states[:, :3]),)


@pytest.mark.parametrize("channels", [0, POSITION_CHANNELS])
def test_engine_appends_maps_only_when_the_profile_asks(channels):
    from sora_space.codecs import PixelCodec
    from sora_space.config import get_profile
    from sora_space.engine import VideoEngine
    from sora_space.loading import Components

    profile = replace(get_profile("embedded"), position_channels=channels)
    fake = _Recorder(3 + channels)
    encoder = type("Enc", (), {"encode": staticmethod(lambda texts: torch.zeros(len(texts), 4, 8))})()
    from diffusers import FlowMatchEulerDiscreteScheduler
    eng = VideoEngine(Components(profile, fake, PixelCodec(), encoder, FlowMatchEulerDiscreteScheduler(),
                                 torch.device("cpu"), torch.float32))
    params = eng.params(prompt="a red circle", seed=0, steps=2, guidance=1.0)
    eng._sample_with_fallback(params, torch.zeros(1, 4, 8), torch.zeros(1, 4, 8), torch.randn(1, 3, 4, 8, 8), None, {})
    assert fake.seen == [3 + channels] * 2


def test_mismatched_profile_json_is_refused(tmp_path, monkeypatch):
    import json

    from sora_space.config import PROFILES, get_profile
    from sora_space.embedded.codec import EmbeddedFrameCodec
    from sora_space.loading import load_components
    from sora_space.embedded.train import TrainConfig, build_transformer

    build_transformer(replace(TrainConfig(), layers=1, heads=1), 12).save_pretrained(tmp_path / "transformer")
    EmbeddedFrameCodec().save_pretrained(tmp_path / "codec")
    from diffusers import FlowMatchEulerDiscreteScheduler
    FlowMatchEulerDiscreteScheduler().save_pretrained(tmp_path / "scheduler")
    meta = {"width": 64, "height": 64, "frames": 16, "fps": 8, "steps": 2, "guidance": 5.0,
            "codec_class": "sora_space.embedded.codec:EmbeddedFrameCodec", "position_channels": 0}
    (tmp_path / "profile.json").write_text(json.dumps(meta))
    monkeypatch.setitem(PROFILES, "embedded", replace(PROFILES["embedded"], source=str(tmp_path)))
    with pytest.raises(ValueError, match="position_channels"):
        load_components(get_profile("embedded"), torch.device("cpu"))
    meta["position_channels"] = POSITION_CHANNELS
    (tmp_path / "profile.json").write_text(json.dumps(meta))
    assert load_components(get_profile("embedded"), torch.device("cpu")).transformer.config.in_channels == 15
