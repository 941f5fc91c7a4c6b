"""Browser test: Debian's Chromium driven by Playwright through the real app on the embedded model.

Open the page, type a prompt, generate, wait for a playable <video>, switch to Detect, upload the result and see it
reported as ours. Screenshots go to test-output/browser/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "browser"
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    import app
    from sora_space.config import Settings

    out = tmp_path_factory.mktemp("browser")
    settings = Settings(output_dir=out / "videos", provenance_db=out / "provenance.sqlite", rate_limit_per_min=0,
                        clip_pretrained=None, device="cpu")
    demo = app.build_demo(settings=settings, profile_name="embedded")
    demo.queue(max_size=8).launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        yield context.new_page()
        browser.close()


def test_generate_then_detect_in_the_browser(app_url, page, tmp_path):
    page.goto(app_url, wait_until="load", timeout=120_000)
    page.get_by_label("Prompt", exact=True).first.wait_for(timeout=120_000)
    page.get_by_label("Prompt", exact=True).first.fill("a red circle moving right")
    # A fixed seed: NudeNet flags ~5 % of the embedded model's clips (issue 4), and a random seed made this test fail
    # on a fresh clone when the video was (rightly, failing closed) withheld. Seed 0 passes the frame checks.
    page.get_by_text("Settings", exact=True).first.click()
    page.get_by_label("Randomize seed").first.uncheck()
    page.get_by_label("Seed", exact=True).first.fill("0")
    page.get_by_role("button", name="Generate", exact=True).click()
    video = page.locator("video").first
    video.wait_for(state="attached", timeout=240_000)
    page.wait_for_function("() => { const v = document.querySelector('video');"
                           " return v && v.readyState >= 1 && v.duration > 0; }", timeout=60_000)
    duration = page.evaluate("() => document.querySelector('video').duration")
    assert duration > 0
    page.screenshot(path=str(SHOTS / "1-generated.png"), full_page=True)
    assert page.get_by_label("Seed used").first.input_value() == "0"
    final_prompt = page.get_by_label("Final prompt (what the model saw)").first.input_value()
    assert final_prompt

    src = page.evaluate("() => document.querySelector('video').currentSrc")
    response = page.request.get(src)
    assert response.ok
    local = tmp_path / "from_browser.mp4"
    local.write_bytes(response.body())

    page.get_by_role("tab", name="Detect").click()
    panel = page.locator("#component-0").page  # the whole page; the Detect tab's upload is the visible file input
    file_input = page.locator("input[type=file]:visible, input[type=file]").last
    file_input.set_input_files(str(local))
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Check video").click()
    page.get_by_text("Made with Sora Space").first.wait_for(timeout=120_000)
    page.screenshot(path=str(SHOTS / "2-detected.png"), full_page=True)
    assert panel is not None
