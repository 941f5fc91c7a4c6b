"""The CLI's JSON output and exit codes (in-process with fake components, and argparse errors)."""
from __future__ import annotations

import json

import pytest

from conftest import FakeFrameModerator
from sora_space.cli import main
from safety.media import probe


def last_json(capsys) -> dict:
    out = capsys.readouterr().out.strip().splitlines()
    return json.loads(out[-1])


def test_generate_success_json(fake_stages, tmp_path, capsys):
    out = tmp_path / "clip.mp4"
    code = main(["generate", "a red circle moving right", "--out", str(out), "--seed", "3", "--steps", "4"],
                stages=fake_stages)
    data = last_json(capsys)
    assert code == 0
    assert {"video", "seed", "prompt", "final_prompt", "model", "timings"} <= set(data)
    assert data["video"] == str(out) and data["seed"] == 3 and data["model"] == "embedded"
    assert probe(out).codec == "h264"


def test_generate_refused_exit_3(fake_stages, capsys):
    code = main(["generate", "forbidden stuff"], stages=fake_stages)
    data = last_json(capsys)
    assert code == 3 and data["refused"] == ["sexual"] and "keep people clothed" in data["error"]


def test_frames_refused_exit_3(fake_stages, capsys):
    fake_stages.frame_moderator = FakeFrameModerator(flag_frame=0)
    assert main(["generate", "a calm lake"], stages=fake_stages) == 3
    assert last_json(capsys)["refused"] == ["violence"]


@pytest.mark.parametrize("argv, needle", [
    (["generate", "a calm lake", "--steps", "0"], "`steps` = 0"),
    (["generate", "a calm lake", "--frames", "999"], "`frames` = 999"),
    (["generate", "a calm lake", "--size", "65x64"], "`size`"),
    (["generate", "a calm lake", "--size", "big"], "WIDTHxHEIGHT"),
    (["generate", "   "], "is empty"),
    (["generate", "x" * 5000], "limit is 2000"),
    (["generate", "a calm lake", "--seed", "-1"], "`seed` = -1"),
    (["generate", "a calm lake", "--steps", "many"], "invalid int value"),
    (["generate"], "required"),
])
def test_invalid_arguments_exit_2(fake_stages, capsys, argv, needle):
    try:
        code = main(argv, stages=fake_stages)
    except SystemExit as exit_:  # argparse-level errors exit from inside the parser
        code = exit_.code
    assert code == 2
    data = last_json(capsys)
    assert needle in data["error"] and data["type"] == "InvalidRequest"


def test_unknown_model_exit_2(capsys):
    assert main(["generate", "a calm lake", "--model", "nope"]) == 2
    assert "--model" in last_json(capsys)["error"]


def test_detect_rejects_non_video(tmp_path, capsys):
    fake = tmp_path / "image.mp4"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert main(["detect", str(fake)]) == 2
    assert "not a video" in last_json(capsys)["error"]


@pytest.fixture
def clip(tmp_path):
    import numpy as np

    from sora_space.video_io import write_mp4

    return write_mp4(np.full((16, 64, 64, 3), 100, np.uint8), 8, tmp_path / "in.mp4")


@pytest.mark.parametrize("argv", [
    ["remix", "{clip}", "a blue circle moving right", "--strength", "0.7"],
    ["recut", "{clip}", "a red circle", "--keep-end", "1.0", "--extend", "8"],
    ["loop", "a green ring orbiting"],
    ["blend", "a red circle", "a blue square", "--video-a", "{clip}", "--video-b", "{clip}", "--mode", "bridge"],
    ["storyboard", "--card", "0", "a red circle", "--card", "1", "a blue square"],
])
def test_tool_commands_print_generate_json(fake_stages, capsys, clip, argv):
    argv = [a.replace("{clip}", str(clip)) for a in argv]
    assert main(argv + ["--seed", "2", "--steps", "3"], stages=fake_stages) == 0
    data = last_json(capsys)
    assert {"video", "seed", "prompt", "final_prompt", "model", "timings", "id"} <= set(data)
    record = fake_stages.provenance.lookup(int(data["id"], 16))
    assert record["tool"] == argv[0]


@pytest.mark.parametrize("argv, needle", [
    (["remix", "{clip}", "x", "--strength", "2"], "`strength` = 2.0"),
    (["remix", "/nope.mp4", "x"], "No video file"),
    (["storyboard", "--card", "1", "late"], "start at 0"),
    (["storyboard", "--card", "zero", "x"], "number of seconds"),
    (["blend", "a", "b", "--video-a", "{clip}"], "give both videos"),
])
def test_tool_commands_invalid_exit_2(fake_stages, capsys, clip, argv, needle):
    argv = [a.replace("{clip}", str(clip)) for a in argv]
    assert main(argv, stages=fake_stages) == 2
    assert needle in last_json(capsys)["error"]


def test_moderate_command_one_json_per_prompt(tmp_path, capsys):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a kitten playing with yarn\nn.u.d.e w0man on a beach\n\na chef cutting a cake\n")
    assert main(["moderate", "--file", str(prompts)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [line["allowed"] for line in lines] == [True, False, True]
    assert "sexual" in lines[1]["categories"] and lines[1]["layer"]
    assert main(["moderate", "a sunset over the sea"]) == 0
    assert last_json(capsys)["allowed"] is True


def test_moderate_command_missing_file_exit_2(capsys):
    assert main(["moderate", "--file", "/no/such/file.txt"]) == 2
    assert "--file" in last_json(capsys)["error"]
