"""The README's gradio_client script runs as written against a local server (fake components, real endpoints),
and the README still documents exactly two set-up commands that CI uses."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    from conftest import fake_stack, launch_fake_app

    demo = launch_fake_app(fake_stack(tmp_path_factory.mktemp("readme"), rate_limit_per_min=0))
    yield demo.local_url
    demo.close()


def test_readme_api_script_runs(server_url, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    script = next(b for b in blocks if "gradio_client" in b)
    for endpoint in ("/generate", "/remix", "/recut", "/loop", "/blend", "/storyboard", "/detect"):
        assert f'api_name="{endpoint}"' in script, endpoint
    script = script.replace('Client("http://127.0.0.1:7860/")', f'Client("{server_url}", verbose=False)')
    namespace: dict = {}
    exec(compile(script, "README.md", "exec"), namespace)
    assert namespace["report"]["watermarked"] is True
    assert namespace["report"]["record"] is not None
    for name in ("remixed", "extended", "looped", "blended", "story"):
        assert namespace[name], name


def test_readme_has_two_commands_and_ci_uses_the_test_one():
    commands = re.findall(r"^    (bash scripts/\S+)$", README, flags=re.M)
    assert commands == ["bash scripts/run_app.sh", "bash scripts/run_tests.sh"]
    assert "scripts/run_tests.sh" in (ROOT / ".ci" / "run").read_text()
    assert "sdk_version: 6.31.0" in README and "gradio[mcp]==6.31.0" in (ROOT / "requirements.txt").read_text()
