"""MP4 writing: codec, pixel format, fps, frame count, faststart, unique paths, cleanup; reading errors."""
from __future__ import annotations

import os
import subprocess
import time

import numpy as np
import pytest

from safety.media import MediaError, VideoInfo, check_limits, probe, read_video
from sora_space.video_io import cleanup_outputs, new_output_path, upscale, write_mp4


def ffprobe_streams(path) -> str:
    import imageio_ffmpeg

    return subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
                          capture_output=True, text=True).stderr


def test_mp4_is_browser_playable_h264(tmp_path):
    frames = (np.random.default_rng(0).random((16, 64, 96, 3)) * 255).astype(np.uint8)
    path = write_mp4(frames, 8, tmp_path / "a.mp4", metadata={"comment": "sora-space id=1"})
    info = probe(path)
    assert (info.width, info.height, info.fps, info.codec) == (96, 64, 8.0, "h264")
    decoded, fps = read_video(path)
    assert decoded.shape == (16, 64, 96, 3) and fps == 8.0
    text = ffprobe_streams(path)
    assert "yuv420p" in text and "sora-space id=1" in text
    data = path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat"), "+faststart puts the index first"
    assert not list(tmp_path.glob("*.part*")), "no partial files left"


def test_rejects_odd_sizes_and_wrong_dtype(tmp_path):
    with pytest.raises(ValueError, match="even"):
        write_mp4(np.zeros((2, 63, 64, 3), np.uint8), 8, tmp_path / "b.mp4")
    with pytest.raises(ValueError, match="uint8"):
        write_mp4(np.zeros((2, 64, 64, 3), np.float32), 8, tmp_path / "b.mp4")


def test_output_paths_are_unique_and_old_ones_cleaned(tmp_path):
    paths = {new_output_path(tmp_path, "generate") for _ in range(50)}
    assert len(paths) == 50
    old, new = tmp_path / "old.mp4", tmp_path / "new.mp4"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert cleanup_outputs(tmp_path, ttl_s=3600) == 1
    assert not old.exists() and new.exists()


def test_upscale():
    frames = np.zeros((2, 8, 8, 3), np.uint8)
    assert upscale(frames, 4).shape == (2, 32, 32, 3) and upscale(frames, 1) is frames


def test_corrupt_and_fake_videos_raise_media_error(tmp_path):
    png = tmp_path / "picture.mp4"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    with pytest.raises(MediaError, match="not a video"):
        probe(png)
    good = write_mp4(np.zeros((8, 64, 64, 3), np.uint8), 8, tmp_path / "g.mp4")
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    with pytest.raises(MediaError):
        read_video(truncated)
    with pytest.raises(MediaError, match="No video file"):
        probe(tmp_path / "missing.mp4")


def test_limits_refuse_from_header():
    hour = VideoInfo(640, 360, 25.0, 90000, 3600.0, "h264", 10_000_000)
    uhd = VideoInfo(3840, 2160, 25.0, 250, 10.0, "h264", 10_000_000)
    limits = dict(max_seconds=60, max_pixels=1920 * 1080, max_bytes=200_000_000)
    with pytest.raises(MediaError, match="3600 s long"):
        check_limits(hour, **limits)
    with pytest.raises(MediaError, match="3840x2160"):
        check_limits(uhd, **limits)
    check_limits(VideoInfo(640, 360, 25.0, 250, 10.0, "h264", 1_000_000), **limits)
