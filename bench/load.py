"""Benchmark: N concurrent gradio_client jobs against a local server running the embedded model.

Starts the real app on 127.0.0.1, fires N /generate jobs at once from N clients, and checks that every job either
completes with a video or gets a clear queue-full / rate-limit answer, that none is lost and that the server still
answers afterwards. Prints throughput and p50/p95 latency. Phase 2 repeats with a small queue and the per-client
rate limit on, to show those answers.

    python bench/load.py [--jobs 16] [--steps 20] [--queue 32]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run_phase(url: str, jobs: int, steps: int) -> dict:
    from gradio_client import Client

    outcomes, latencies = [], []
    lock = threading.Lock()
    start = threading.Barrier(jobs)

    def job(i: int) -> None:
        client = Client(url, verbose=False)
        start.wait()
        t0 = time.perf_counter()
        try:
            video, _, seed, details = client.predict(f"a red circle moving right", "", i, False, 16, "64×64",
                                                     steps, 4.0, True, api_name="/generate")
            kind = "ok" if video else "empty"
        except Exception as exc:  # the message is what a script user sees
            text = str(exc).lower()
            kind = ("rate-limited" if "too quickly" in text else
                    "queue-full" if "queue" in text and "full" in text else f"error: {str(exc)[:80]}")
        with lock:
            outcomes.append(kind)
            if kind == "ok":
                latencies.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=job, args=(i,)) for i in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"outcomes": outcomes, "latencies": sorted(latencies), "wall": wall}


def report(name: str, phase: dict, jobs: int) -> None:
    counts = {k: phase["outcomes"].count(k) for k in sorted(set(phase["outcomes"]))}
    lat = phase["latencies"]
    print(f"[{name}] {jobs} jobs -> {counts}; answered {len(phase['outcomes'])}/{jobs} (lost: "
          f"{jobs - len(phase['outcomes'])})")
    if lat:
        p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
        print(f"[{name}] throughput {len(lat) / phase['wall']:.2f} videos/s over {phase['wall']:.1f} s; "
              f"latency p50 {statistics.median(lat):.1f} s, p95 {p95:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--queue", type=int, default=32)
    args = parser.parse_args()

    import app
    from gradio_client import Client
    from sora_space.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        for name, queue, limit in (("throughput", args.queue, 0), ("limits", 4, 3)):
            settings = Settings(output_dir=Path(tmp) / name, rate_limit_per_min=limit, device="cpu")
            demo = app.build_demo(settings=settings, profile_name="embedded", banner=False)
            demo.queue(max_size=queue, default_concurrency_limit=1).launch(
                prevent_thread_lock=True, server_name="127.0.0.1", quiet=True)
            try:
                phase = run_phase(demo.local_url, args.jobs, args.steps)
                report(f"{name}: queue {queue}, rate limit {limit or 'off'}/min", phase, args.jobs)
                alive = Client(demo.local_url, verbose=False).view_api(return_format="dict", print_info=False)
                print(f"[{name}] server still answering: {'/generate' in alive['named_endpoints']}")
            finally:
                demo.close()


if __name__ == "__main__":
    main()
