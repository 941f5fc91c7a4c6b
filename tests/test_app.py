"""The app builds without loading models and its /generate endpoint answers through gradio_client."""
from __future__ import annotations

import pytest

from safety.media import probe


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import fake_stack, launch_fake_app

    stages = fake_stack(tmp_path_factory.mktemp("outputs"))
    demo = launch_fake_app(stages, mcp_server=True)
    yield demo, stages
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    demo, _ = server
    return Client(demo.local_url, verbose=False)


def test_generate_endpoint(client, server):
    video, final_prompt, seed, details = client.predict(
        "a red circle moving right", "", 11, False, 16, "64×64", 4, 3.0, True, api_name="/generate")
    assert seed == 11 and final_prompt.endswith("in soft light")
    info = probe(video["video"] if isinstance(video, dict) else video)
    assert info.codec == "h264" and (info.width, info.height) == (256, 256)
    _, stages = server
    assert int(details["id"], 16) in stages.provenance.records


def test_refusal_reaches_client_as_plain_error(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as err:
        client.predict("forbidden", "", 0, True, 16, "64×64", 4, 3.0, True, api_name="/generate")
    assert "flagged for sexual content" in str(err.value) and "Try again" in str(err.value)


def test_invalid_input_is_named_and_server_keeps_serving(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as err:
        client.predict("", "", 0, True, 16, "64×64", 4, 3.0, True, api_name="/generate")
    assert "prompt" in str(err.value) and "empty" in str(err.value)
    video, *_ = client.predict("a calm lake", "", 1, False, 16, "64×64", 2, 3.0, False, api_name="/generate")
    assert video


def test_api_lists_generate_only_public(client):
    api = client.view_api(return_format="dict", print_info=False)
    assert "/generate" in api["named_endpoints"]


def test_detect_endpoint_finds_our_video(client, server, tmp_path):
    from gradio_client import handle_file

    video, *_ = client.predict("a red circle moving right", "", 5, False, 16, "64×64", 2, 3.0, False,
                               api_name="/generate")
    path = video["video"] if isinstance(video, dict) else video
    headline, report = client.predict(handle_file(path), api_name="/detect")
    assert report["watermarked"] and "made with sora space" in headline.lower()
    assert report["record"]["seed"] == 5
    # The file made the round trip through the browser API byte for byte; a re-encoded copy is told apart.
    assert report["unchanged"] is True and "as it was returned" in report["verdict"]
    from safety.media import read_video
    from sora_space.video_io import write_mp4

    frames, fps = read_video(path)
    copy = write_mp4(frames, fps, tmp_path / "reencoded.mp4", crf=12)
    _, report = client.predict(handle_file(str(copy)), api_name="/detect")
    assert report["watermarked"] and report["unchanged"] is False and "edited since" in report["verdict"]


def test_detect_rejects_a_png_renamed_to_mp4(client, tmp_path):
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    fake = tmp_path / "not_a_video.mp4"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 256)
    with pytest.raises(AppError) as err:
        client.predict(handle_file(str(fake)), api_name="/detect")
    assert "not a video" in str(err.value)


def test_every_tool_is_a_public_endpoint_and_an_mcp_tool(client, server):
    import json
    import urllib.request

    api = client.view_api(return_format="dict", print_info=False)
    endpoints = {"/generate", "/remix", "/recut", "/loop", "/blend", "/storyboard", "/detect"}
    assert endpoints <= set(api["named_endpoints"])
    assert not api["unnamed_endpoints"], "internal events stay private"
    demo, _ = server
    schema = json.loads(urllib.request.urlopen(demo.local_url + "gradio_api/mcp/schema", timeout=10).read())
    assert {tool["name"] for tool in schema} >= {e.strip("/") for e in endpoints}
    generate = next(tool for tool in schema if tool["name"] == "generate")
    assert "watermarked video" in generate["description"]
