"""Bad input over the API: each gets a clear error and the server keeps serving the next request."""
from __future__ import annotations

import subprocess

import numpy as np
import pytest

from sora_space.video_io import write_mp4

GEN_DEFAULTS = ["", 1, False, 16, "64×64", 2, 3.0, False]  # negative, seed, randomize, frames, size, steps, guidance, enhance


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from conftest import fake_stack, launch_fake_app
    from gradio_client import Client

    demo = launch_fake_app(fake_stack(tmp_path_factory.mktemp("out"), rate_limit_per_min=0))
    yield Client(demo.local_url, verbose=False)
    demo.close()


def error_of(client, *args, api_name):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as err:
        client.predict(*args, api_name=api_name)
    return str(err.value)


def still_serving(client):
    video, final_prompt, seed, details = client.predict("a calm lake", *GEN_DEFAULTS, api_name="/generate")
    assert seed == 1 and details["id"]


@pytest.mark.parametrize("prompt, needle", [
    ("", "empty"),
    ("   \n ", "empty"),
    ("x" * 100_000, "limit is 2000"),
    ("a cat\x07 dancing", "control character U+0007"),
])
def test_bad_prompts(client, prompt, needle):
    assert needle in error_of(client, prompt, *GEN_DEFAULTS, api_name="/generate")
    still_serving(client)


@pytest.mark.parametrize("overrides, needles", [
    # Either gradio's component bounds or our validation answers; both name the value and the limit.
    ({1: -5, 2: False}, ("Value -5 is less than minimum value 0", "`seed` = -5")),
    ({3: 10_000}, ("Value 10000 is greater than maximum value 16", "`frames` = 10000")),
    ({5: 1_000_000}, ("Value 1000000 is greater than maximum value", "`steps` = 1000000")),
    ({6: 1e9}, ("is greater than maximum value 20", "`guidance`")),
    ({4: "8K"}, ("8K", "`size` = '8K'")),
])
def test_absurd_settings(client, overrides, needles):
    args = list(GEN_DEFAULTS)
    for index, value in overrides.items():
        args[index] = value
    message = error_of(client, "a calm lake", *args, api_name="/generate")
    assert any(n in message for n in needles), message
    still_serving(client)


def _ffmpeg(*args):
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    good = write_mp4(np.full((16, 64, 64, 3), 120, np.uint8), 8, d / "good.mp4")
    corrupt = d / "corrupt.mp4"
    data = bytearray(good.read_bytes())
    data[len(data) // 3:] = bytes(len(data) - len(data) // 3)  # zero the tail: index intact, frames gone
    corrupt.write_bytes(bytes(data))
    png = d / "image.mp4"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + np.random.default_rng(0).bytes(500))
    hour = d / "hour.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=64x64:r=1", "-t", "3600", "-c:v", "libx264", "-preset",
            "ultrafast", str(hour))
    uhd = d / "uhd.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=3840x2160:r=8", "-t", "0.25", "-c:v", "libx264", "-preset",
            "ultrafast", "-pix_fmt", "yuv420p", str(uhd))
    return {"corrupt": corrupt, "png": png, "hour": hour, "uhd": uhd}


@pytest.mark.parametrize("name, needles", [("corrupt", ("damaged", "not a video")), ("png", ("not a video",)),
                                           ("hour", ("3600 s long",)), ("uhd", ("3840x2160",))])
def test_bad_uploads_refused_on_detect_and_remix(client, bad_files, name, needles):
    from gradio_client import handle_file

    path = handle_file(str(bad_files[name]))
    for message in (error_of(client, path, api_name="/detect"),
                    error_of(client, path, "a blue circle", 0.5, 1, False, 2, 3.0, False, api_name="/remix")):
        assert any(n in message for n in needles), message
    still_serving(client)


def test_rate_limit_answers_clearly():
    from sora_space.ratelimit import RateLimited, RateLimiter

    now = [0.0]
    limiter = RateLimiter(2, 60.0, clock=lambda: now[0])
    limiter.check("a"), limiter.check("a"), limiter.check("b")
    with pytest.raises(RateLimited, match="wait 60 s"):
        limiter.check("a")
    now[0] = 61.0
    limiter.check("a")


def test_rate_limit_over_the_api(tmp_path):
    from conftest import fake_stack, launch_fake_app
    from gradio_client import Client

    demo = launch_fake_app(fake_stack(tmp_path, rate_limit_per_min=2))
    try:
        client = Client(demo.local_url, verbose=False)
        for _ in range(2):
            still_serving(client)
        assert "too quickly" in error_of(client, "a calm lake", *GEN_DEFAULTS, api_name="/generate")
        # Detect is not rate limited with generation, and the server keeps serving.
        assert "no video" in error_of(client, None, api_name="/detect").lower()
    finally:
        demo.close()
