"""Benchmark of the invisible watermark: robustness, false positives, invisibility and cost.

Run: `.venv/bin/python bench/watermark.py` (default ~10-15 min on 2 shared cores), `--videos N` / `--null-keys K`
/ `--crop-videos N` for bigger runs, `--quick` for a smoke run. Every marked video first goes through the app's own
output step (H.264 CRF 18 MP4, as `write_mp4` does), then through one attack, then is decoded from its file and
detected. Clips are synthetic but natural-ish: 1/f ("fractal") textures with a panning camera, a flat sky gradient,
a flat moving object and a textured moving object; `--flat` clips are mostly plain backgrounds with one small
object, like the embedded model's output. Figures printed: per-attack bit accuracy and detection rate, PSNR/SSIM,
per-frame timings; the 10% crop + CRF 23 attacks again on a bigger 256² sample; high-contrast noise content (a
random-weight model's output); the null distribution of bit agreement over unmarked videos × keys. A side-by-side
crop of a flat region is saved under bench/out/.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from safety.media import read_video  # noqa: E402
from safety.watermark import DEV_KEY, Watermarker, gather_evidence  # noqa: E402
from sora_space.video_io import write_mp4  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
FPS = 8.0


# ---------------------------------------------------------------- synthetic clips
def fractal_noise(rng: np.random.Generator, h: int, w: int, beta: float) -> np.ndarray:
    """Zero-mean, unit-std noise with a 1/f^beta power spectrum (natural images have beta ~ 2)."""
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    radius = np.sqrt(fy * fy + fx * fx)
    radius[0, 0] = 1.0
    spectrum = (rng.normal(size=radius.shape) + 1j * rng.normal(size=radius.shape)) / radius ** (beta / 2)
    spectrum[0, 0] = 0
    noise = np.fft.irfft2(spectrum, s=(h, w))
    return ((noise - noise.mean()) / noise.std()).astype(np.float32)


def _colourise(gray: np.ndarray, rng: np.random.Generator, contrast: float) -> np.ndarray:
    base = rng.uniform(60, 190, 3)
    tint = rng.uniform(0.6, 1.2, 3)
    return base + contrast * gray[..., None] * tint


def _ellipse_mask(h: int, w: int, cy: float, cx: float, ry: float, rx: float) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w]
    inside = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2
    return np.clip((1.0 - inside) * max(ry, rx) / 2, 0, 1).astype(np.float32)[..., None]


def make_clip(rng: np.random.Generator, h: int, w: int, frames: int, flat: bool = False) -> np.ndarray:
    """(T, H, W, 3) uint8 clip with texture, flat areas and motion."""
    pan = rng.uniform(-3, 3, 2)
    margin = int(np.ceil(np.abs(pan).max() * frames)) + 4
    if flat:
        backdrop = np.broadcast_to(rng.uniform(30, 220, 3), (h + 2 * margin, w + 2 * margin, 3)).astype(np.float32)
    else:
        ground = _colourise(fractal_noise(rng, h + 2 * margin, w + 2 * margin, rng.uniform(1.6, 2.4)), rng,
                            rng.uniform(20, 45))
        sky_rows = int((h + 2 * margin) * rng.uniform(0.2, 0.45))
        top, bottom = rng.uniform(120, 235, 3), rng.uniform(90, 200, 3)
        ramp = np.linspace(0, 1, sky_rows)[:, None, None]
        ground[:sky_rows] = top * (1 - ramp) + bottom * ramp
        backdrop = ground
    obj_tex = _colourise(fractal_noise(rng, h, w, 1.8), rng, 35)
    flat_colour = rng.uniform(20, 235, 3)
    (oy, ox), (vy, vx) = rng.uniform(0.3, 0.7, 2) * (h, w), rng.uniform(-2.5, 2.5, 2)
    (fy, fx), (uy, ux) = rng.uniform(0.2, 0.8, 2) * (h, w), rng.uniform(-2, 2, 2)
    size = min(h, w)
    clip = np.empty((frames, h, w, 3), dtype=np.uint8)
    for t in range(frames):
        y0 = int(round(margin + pan[0] * t))
        x0 = int(round(margin + pan[1] * t))
        frame = backdrop[y0:y0 + h, x0:x0 + w].copy()
        if flat:
            m = _ellipse_mask(h, w, oy + vy * t, ox + vx * t, size * 0.12, size * 0.16)
            frame = frame * (1 - m) + obj_tex * m
        else:
            m = _ellipse_mask(h, w, fy + uy * t, fx + ux * t, size * 0.15, size * 0.22)
            frame = frame * (1 - m) + flat_colour * m
            m = _ellipse_mask(h, w, oy + vy * t, ox + vx * t, size * 0.18, size * 0.12)
            frame = frame * (1 - m) + obj_tex * m
        frame += rng.normal(0, 0.8, frame.shape)          # a little sensor-like noise
        clip[t] = np.clip(frame, 0, 255).astype(np.uint8)
    return clip


# ---------------------------------------------------------------- attacks
def _ffmpeg() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def h264(frames: np.ndarray, crf: int, work: Path) -> np.ndarray:
    path = write_mp4(frames, FPS, work / f"crf{crf}.mp4", crf=crf)
    return read_video(path)[0]


def to_gif_and_back(frames: np.ndarray, work: Path) -> np.ndarray:
    src = write_mp4(frames, FPS, work / "gif_src.mp4", crf=18)
    gif = work / "clip.gif"
    subprocess.run([_ffmpeg(), "-y", "-loglevel", "error", "-i", str(src), "-filter_complex",
                    "split[a][b];[a]palettegen[p];[b][p]paletteuse", str(gif)], check=True)
    return read_video(gif)[0]


def _even(n: int) -> int:
    return n - n % 2


def attack(name: str, frames: np.ndarray, rng: np.random.Generator, work: Path) -> np.ndarray:
    t, h, w, _ = frames.shape
    if name.startswith("crf"):
        return h264(frames, int(name[3:]), work)
    if name == "half+crf23":
        small = [cv2.resize(f, (w // 2, h // 2), interpolation=cv2.INTER_AREA) for f in frames]
        back = np.stack([cv2.resize(f, (w, h), interpolation=cv2.INTER_LINEAR) for f in small])
        return h264(back, 23, work)
    if name.startswith("crop10"):               # keep 90% of each side at a random offset
        ch, cw = _even(int(h * 0.9)), _even(int(w * 0.9))
        y0, x0 = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
        if "odd" not in name:                    # ffmpeg's crop filter rounds offsets to the 4:2:0 chroma grid
            y0, x0 = _even(y0), _even(x0)
        return h264(np.ascontiguousarray(frames[:, y0:y0 + ch, x0:x0 + cw]), 23, work)
    if name in ("bright+10%+crf23", "bright-10%+crf23"):
        sign = 1.0 if "+" in name[6:8] else -1.0
        scaled = (frames.astype(np.float32) - 128) * (1 + 0.1 * sign) + 128 + sign * 25.5
        return h264(np.clip(scaled + 0.5, 0, 255).astype(np.uint8), 23, work)
    if name == "drop-odd+crf23":
        return h264(np.ascontiguousarray(frames[::2]), 23, work)
    if name == "gif":
        return to_gif_and_back(frames, work)
    raise ValueError(name)


ATTACKS = ["crf18", "crf23", "crf28", "half+crf23", "crop10+crf23", "bright+10%+crf23", "bright-10%+crf23",
           "drop-odd+crf23", "gif", "crop10-odd+crf23"]


# ---------------------------------------------------------------- metrics
def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean SSIM (Wang et al. 2004, Gaussian window 1.5) over frames and RGB channels."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    x, y = a.astype(np.float64), b.astype(np.float64)
    values = []
    for xf, yf in zip(x, y):
        blur = lambda z: cv2.GaussianBlur(z, (11, 11), 1.5)  # noqa: E731
        mx, my = blur(xf), blur(yf)
        sxx, syy, sxy = blur(xf * xf) - mx * mx, blur(yf * yf) - my * my, blur(xf * yf) - mx * my
        values.append(np.mean(((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))))
    return float(np.mean(values))


def save_flat_crop(clean: np.ndarray, marked: np.ndarray, path: Path) -> None:
    """Side by side, magnified 3×: clean | marked | difference ×10 around grey, of the flattest window."""
    size = min(96, clean.shape[0] // 3, clean.shape[1] // 3)
    gray = cv2.cvtColor(clean, cv2.COLOR_RGB2GRAY).astype(np.float32)
    std = np.sqrt(np.maximum(cv2.blur(gray * gray, (size, size)) - cv2.blur(gray, (size, size)) ** 2, 0))
    half = size // 2
    inner = std[half:-half, half:-half]
    cy, cx = np.unravel_index(int(np.argmin(inner)), inner.shape)
    box = (slice(cy, cy + size), slice(cx, cx + size))
    diff = np.clip(128 + 10 * (marked[box].astype(np.float32) - clean[box]), 0, 255).astype(np.uint8)
    gap = np.full((size, 4, 3), 255, np.uint8)
    panel = np.concatenate([clean[box], gap, marked[box], gap, diff], axis=1)
    panel = cv2.resize(panel, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.cvtColor(panel, cv2.COLOR_RGB2BGR))


# ---------------------------------------------------------------- experiments
def robustness(wm: Watermarker, sizes, n_videos: int, frames: int, flat: bool, seed: int, work: Path) -> None:
    kind = "mostly-flat" if flat else "textured"
    for h, w in sizes:
        rng = np.random.default_rng(seed + h)
        stats = {name: [] for name in ["app-mp4"] + ATTACKS}
        quality = []
        for i in range(n_videos):
            clip = make_clip(rng, h, w, frames, flat=flat)
            pid = int(rng.integers(0, 2 ** wm.payload_bits))
            marked = wm.embed(clip, pid)
            quality.append((psnr(clip, marked), ssim(clip, marked)))
            if i == 0 and not flat:
                save_flat_crop(clip[0], marked[0], OUT_DIR / f"flat_crop_{w}x{h}.png")
            app = h264(marked, 18, work)                     # what leaves the app
            for name in stats:
                received = app if name == "app-mp4" else attack(name, app, rng, work)
                det = wm.detect(received)
                stats[name].append((det.watermarked, det.payload_id == pid, det.bit_accuracy or 0.0))
        q = np.array(quality)
        print(f"\n[{kind} {w}x{h}, {frames} frames, {n_videos} videos] PSNR mean {q[:, 0].mean():.2f} dB "
              f"(min {q[:, 0].min():.2f}), SSIM mean {q[:, 1].mean():.4f} (min {q[:, 1].min():.4f})")
        print(f"  {'attack':<18} {'detected':>9} {'id ok':>7} {'bit acc':>8}")
        for name, rows in stats.items():
            r = np.array(rows, dtype=np.float64)
            print(f"  {name:<18} {r[:, 0].mean():>8.1%} {r[:, 1].mean():>7.1%} {r[:, 2].mean():>8.3f}")


def crop_robustness(wm: Watermarker, n_videos: int, frames: int, seed: int, work: Path) -> None:
    """The hardest attack on its own, on a bigger sample: 256² clips (app CRF 18 output) cropped by 10% at a random
    offset and re-encoded at CRF 23 on the crop's own block grid; even (ffmpeg crop filter) and odd offsets."""
    rng = np.random.default_rng(seed)
    stats = {name: [] for name in ("crop10+crf23", "crop10-odd+crf23")}
    for _ in range(n_videos):
        clip = make_clip(rng, 256, 256, frames)
        pid = int(rng.integers(0, 2 ** wm.payload_bits))
        app = h264(wm.embed(clip, pid), 18, work)
        for name, rows in stats.items():
            det = wm.detect(attack(name, app, rng, work))
            rows.append((det.watermarked, det.payload_id == pid, det.bit_accuracy or 0.0))
    print(f"\n[crop focus: textured 256x256, {frames} frames, {n_videos} videos]")
    print(f"  {'attack':<18} {'detected':>9} {'id ok':>7} {'bit acc':>8} {'min acc':>8}")
    for name, rows in stats.items():
        r = np.array(rows, dtype=np.float64)
        print(f"  {name:<18} {r[:, 0].mean():>8.1%} {r[:, 1].mean():>7.1%} {r[:, 2].mean():>8.3f} {r[:, 2].min():>8.3f}"
              f"  ({int(r[:, 0].sum())}/{len(r)})")


def noise_content(wm: Watermarker, n_videos: int, frames: int, seed: int, work: Path) -> None:
    """High-contrast noise (a random-weight model's output): 64² uniform noise upscaled 4× bicubic, as the app
    displays it; detected straight after embedding and after the app's CRF 18 file."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_videos):
        small = rng.integers(0, 256, (frames, 64, 64, 3), dtype=np.uint8)
        clip = np.stack([cv2.resize(f, (256, 256), interpolation=cv2.INTER_CUBIC) for f in small])
        pid = int(rng.integers(0, 2 ** wm.payload_bits))
        marked = wm.embed(clip, pid)
        raw, app = wm.detect(marked), wm.detect(h264(marked, 18, work))
        rows.append((raw.watermarked, raw.payload_id == pid, app.watermarked, app.payload_id == pid))
    r = np.array(rows, dtype=np.float64).mean(axis=0)
    print(f"\n[noise-like content, 64x64 noise upscaled to 256x256, {n_videos} videos] detected {r[0]:.0%} "
          f"(id {r[1]:.0%}) as embedded; {r[2]:.0%} (id {r[3]:.0%}) after the app's CRF 18 MP4")


def false_positives(sizes, n_videos: int, n_keys: int, frames: int, seed: int, work: Path) -> None:
    """Unmarked videos (half of them marked under a foreign key) × keys. Reports detections, and the
    presence-bit agreement of every candidate decoding (each should be Binomial(n, 1/2)/n: mean 0.5)."""
    keys = [f"null-key-{k}" for k in range(n_keys)]
    marks = [Watermarker(k) for k in keys]
    agreement, best, detections, trials = [], [], 0, 0
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    for i in range(n_videos):
        h, w = sizes[i % len(sizes)]
        clip = make_clip(rng, h, w, frames, flat=False)
        if i % 2:
            clip = Watermarker(DEV_KEY).embed(clip, int(rng.integers(0, 2 ** 32)))
        evidence = gather_evidence(h264(clip, 23 if i % 3 else 18, work))
        for wm in marks:
            det, candidates = wm.evaluate(evidence)
            trials += 1
            detections += det.watermarked
            agreement += [c.presence_agree / c.n_presence for c in candidates]
            best.append(1.0 - det.confidence)
    a, n = np.array(agreement), marks[0]._codebook.n_presence
    print(f"\n[false positives] {n_videos} unmarked (or foreign-key) videos x {n_keys} keys = {trials} trials "
          f"in {time.perf_counter() - started:.0f} s: {detections} detections (threshold: Bonferroni p < 1e-6); "
          f"smallest p-value seen {min(best):.2e}")
    print(f"  presence-bit agreement over {len(a)} candidate decodings: mean {a.mean():.4f}, std {a.std():.4f} "
          f"(binomial null: 0.5000, {0.5 / np.sqrt(n):.4f})")


def cost(wm: Watermarker, sizes, frames: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    print("\n[cost, single thread of a shared 2-core CPU: pessimistic]")
    for h, w in sizes:
        clip = make_clip(rng, h, w, frames)
        wm.embed(clip[:2], 1)
        t0 = time.perf_counter()
        marked = wm.embed(clip, 12345)
        t1 = time.perf_counter()
        wm.detect(marked)
        t2 = time.perf_counter()
        per = 1000 / frames
        print(f"  {w}x{h}: embed {per * (t1 - t0):.1f} ms/frame, detect {per * (t2 - t1):.1f} ms/frame, "
              f"total {per * (t2 - t0):.1f} ms/frame")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--videos", type=int, default=10, help="marked 256x256 videos per attack")
    ap.add_argument("--big-videos", type=int, default=5, help="marked 832x480 videos per attack")
    ap.add_argument("--frames", type=int, default=16)
    ap.add_argument("--null-videos", type=int, default=40)
    ap.add_argument("--null-keys", type=int, default=25)
    ap.add_argument("--flat-videos", type=int, default=6)
    ap.add_argument("--crop-videos", type=int, default=60, help="extra 256x256 videos for the crop attacks")
    ap.add_argument("--noise-videos", type=int, default=6)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.quick:
        args.videos, args.big_videos, args.null_videos, args.null_keys, args.flat_videos = 2, 1, 4, 5, 2
        args.crop_videos, args.noise_videos = 4, 2
    cv2.setNumThreads(1)
    sizes = [(256, 256), (480, 832)]
    wm = Watermarker(DEV_KEY)
    print("Every marked clip is first written as the app does (H.264 CRF 18), then attacked and decoded from file.\n"
          "crop10 keeps 90% of each side at a random even offset (ffmpeg's crop filter keeps 4:2:0 offsets even);\n"
          "crop10-odd allows odd offsets (harsher). 'id ok' = the decoded generation id is the embedded one.")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cost(wm, sizes, args.frames, args.seed)
        robustness(wm, sizes[:1], args.videos, args.frames, False, args.seed, work)
        robustness(wm, sizes[1:], args.big_videos, args.frames, False, args.seed, work)
        robustness(wm, [(256, 256)], args.flat_videos, args.frames, True, args.seed + 1, work)
        crop_robustness(wm, args.crop_videos, args.frames, args.seed + 3, work)
        noise_content(wm, args.noise_videos, args.frames, args.seed + 4, work)
        false_positives(sizes, args.null_videos, args.null_keys, args.frames, args.seed + 2, work)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; crops saved under {OUT_DIR}")


if __name__ == "__main__":
    main()
