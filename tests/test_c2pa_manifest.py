"""C2PA Content Credentials: signed offline into a real MP4, read back, pixels (and our watermark) untouched."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("c2pa")

from safety.c2pa_manifest import C2paSigner  # noqa: E402
from safety.media import read_video  # noqa: E402
from sora_space.video_io import write_mp4  # noqa: E402


def test_sign_and_read_back(tmp_path):
    frames = (np.random.default_rng(0).random((8, 64, 64, 3)) * 255).astype(np.uint8)
    path = write_mp4(frames, 8, tmp_path / "v.mp4")
    before, _ = read_video(path)
    assert C2paSigner.read(path) is None
    signer = C2paSigner()
    signer.sign(path, {"id": 0x1234ABCD, "tool": "generate", "model": "embedded"})
    summary = C2paSigner.read(path)
    assert summary["claim_generator"] == ["Sora Space"] and "c2pa.created" in summary["actions"]
    assert summary["parameters"]["sora_space_id"] == "1234abcd"
    assert summary["validation_state"] == "Valid" and summary["trusted"] is False  # the dev credential
    after, _ = read_video(path)
    assert np.array_equal(before, after), "signing changes the container, never the pixels"
    assert signer.uses_dev_credential and not list(tmp_path.glob("*.c2pa.mp4"))


def test_signing_a_broken_file_fails_closed(tmp_path):
    from safety.errors import SafetyLoadError

    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not an mp4")
    with pytest.raises(SafetyLoadError):
        C2paSigner().sign(bad, {"id": 1, "tool": "generate", "model": "embedded"})
    assert bad.read_bytes() == b"not an mp4"
