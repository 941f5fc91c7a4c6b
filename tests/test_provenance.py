"""Tests of safety.provenance: reserve/commit ids, lookups, privacy of prompts, transactions, crashes, manifest."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from safety.provenance import ProvenanceStore, manifest

ROOT = Path(__file__).resolve().parent.parent


def _record(store: ProvenanceStore, id: int, **overrides) -> dict:
    kwargs = dict(id=id, tool="text-to-video", model="embedded-tiny", seed=7,
                  settings={"steps": 8, "size": [128, 128]}, prompt="a red kite over the sea")
    kwargs.update(overrides)
    return store.record(**kwargs)


def test_new_id_is_reserved_in_range_and_unused(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    ids = {store.new_id(32) for _ in range(50)}
    assert len(ids) == 50 and all(0 <= i < 2 ** 32 for i in ids)
    first = next(iter(ids))
    assert store.lookup(first) is None                     # a reservation is not a record
    with pytest.raises(ValueError):
        store.new_id(4)


def test_record_and_lookup_round_trip_without_storing_the_prompt(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    pid = store.new_id(32)
    rec = _record(store, pid, parents=(11, 12))
    assert rec == store.lookup(pid)
    assert rec["id"] == pid and rec["tool"] == "text-to-video" and rec["model"] == "embedded-tiny"
    assert rec["seed"] == 7 and rec["settings"] == {"steps": 8, "size": [128, 128]}
    assert rec["parents"] == [11, 12] and rec["created_at"].endswith("+00:00")
    assert rec["prompt"] is None and len(rec["prompt_sha256"]) == 64
    assert store.prompt_matches(pid, "a red kite over the sea")
    assert not store.prompt_matches(pid, "a blue kite over the sea")
    assert store.children(11) == [pid] and store.children(pid) == []
    # Reopening finds the same record and the same salt.
    again = ProvenanceStore(tmp_path / "p.db")
    assert again.lookup(pid) == rec and again.prompt_matches(pid, "a red kite over the sea")


def test_prompt_is_stored_only_on_opt_in_and_hashes_are_salted_per_store(tmp_path):
    a, b = ProvenanceStore(tmp_path / "a.db"), ProvenanceStore(tmp_path / "b.db")
    rec = _record(a, a.new_id(32), store_prompt=True)
    assert rec["prompt"] == "a red kite over the sea"
    assert a.prompt_hash("x") != b.prompt_hash("x")      # a leaked hash cannot be matched against a dictionary


def test_records_are_never_overwritten_and_unreserved_ids_are_accepted(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    _record(store, 1234)                                  # not reserved first: still recorded
    with pytest.raises(ValueError):
        _record(store, 1234, seed=8)
    assert store.lookup(1234)["seed"] == 7


def test_failed_write_leaves_no_partial_record(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    pid = store.new_id(32)
    with pytest.raises(ValueError):
        _record(store, pid, settings={"bad": object()})
    # A failure inside the transaction (after the row update, at the lineage insert) rolls everything back.
    with pytest.raises(OverflowError):
        _record(store, pid, parents=(2 ** 70,))
    assert store.lookup(pid) is None and store.children(2 ** 62) == []
    _record(store, pid)                                   # the reservation is still usable afterwards
    assert store.lookup(pid)["parents"] == []


def test_discard_and_prune_reservations(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    kept, dropped = store.new_id(32), store.new_id(32)
    _record(store, kept)
    assert store.discard(dropped) and not store.discard(kept)
    stale = store.new_id(32)
    assert store.prune_reservations(older_than_s=-1) == 1  # only the open reservation goes
    assert store.lookup(kept) is not None
    assert not store.discard(stale)                       # already pruned


def test_concurrent_new_ids_never_collide(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    got: list[int] = []

    def worker():
        for _ in range(60):
            got.append(store.new_id(8))                   # 256 ids, 120 draws: collisions must be retried

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 120 and len(set(got)) == 120


def test_record_survives_a_process_killed_right_after_it_returns(tmp_path):
    db = tmp_path / "p.db"
    script = (
        "import os, sys; sys.path.insert(0, sys.argv[1]);"
        "from safety.provenance import ProvenanceStore;"
        "s = ProvenanceStore(sys.argv[2]); i = s.new_id(32); j = s.new_id(32);"
        "s.record(id=i, tool='t2v', model='m', seed=1, settings={}, prompt='p');"
        "print(i, j, flush=True); os._exit(9)"           # dies without closing anything, mid-'generation' of j
    )
    out = subprocess.run([sys.executable, "-c", script, str(ROOT), str(db)], capture_output=True, text=True)
    assert out.returncode == 9, out.stderr
    committed, reserved = (int(x) for x in out.stdout.split())
    store = ProvenanceStore(db)
    assert store.lookup(committed)["model"] == "m"
    assert store.lookup(reserved) is None and store.prune_reservations(older_than_s=-1) == 1


def test_manifest_is_small_strings_without_the_prompt(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    rec = _record(store, store.new_id(32), store_prompt=True, parents=(5,))
    meta = manifest(rec)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())
    assert f"{rec['id']:08x}" in meta["comment"] and "AI-generated" in meta["comment"]
    summary = json.loads(meta["description"])
    assert summary["id"] == f"{rec['id']:08x}" and summary["parents"] == ["00000005"]
    assert summary["ai_generated"] is True
    assert "kite" not in json.dumps(meta) and sum(len(v) for v in meta.values()) < 1000


def test_manifest_lands_in_the_mp4_metadata(tmp_path):
    import imageio_ffmpeg

    from sora_space.video_io import write_mp4

    store = ProvenanceStore(tmp_path / "p.db")
    rec = _record(store, store.new_id(32))
    path = write_mp4(np.full((2, 64, 64, 3), 100, np.uint8), 8.0, tmp_path / "v.mp4", metadata=manifest(rec))
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
                           capture_output=True, text=True)
    assert f"Provenance id {rec['id']:08x}" in probe.stderr
