"""Tests of safety.provenance: reserve/commit ids, lookups, privacy of prompts, transactions, crashes, manifest."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from safety.provenance import ProvenanceStore, manifest, sha256_of_file

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


def test_find_by_file_returns_the_record_of_those_exact_bytes(tmp_path):
    store = ProvenanceStore(tmp_path / "p.db")
    video = tmp_path / "out.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 5000)   # > one 1 MiB read chunk
    digest = sha256_of_file(video)
    assert digest == hashlib.sha256(video.read_bytes()).hexdigest()
    pid = store.new_id(32)
    assert store.find_by_file(digest) is None                       # a reservation is not a record
    rec = _record(store, pid, file_sha256=digest)
    assert rec["file_sha256"] == digest and store.find_by_file(digest) == rec
    video.write_bytes(video.read_bytes() + b"\x00")                 # one byte more: not the recorded file
    assert store.find_by_file(sha256_of_file(video)) is None
    assert _record(store, store.new_id(32))["file_sha256"] is None  # the digest is optional
    with pytest.raises(ValueError, match="file_sha256"):
        _record(store, store.new_id(32), file_sha256="ABC")


def test_store_from_before_file_digests_gains_the_column(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)                                     # the schema as it was before file_sha256
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE generations (id INTEGER PRIMARY KEY, status TEXT NOT NULL, reserved_at REAL NOT NULL,
            created_at TEXT, tool TEXT, model TEXT, seed INTEGER, settings TEXT, prompt_sha256 TEXT, prompt TEXT,
            parents TEXT);
        INSERT INTO generations VALUES (5, 'committed', 0, '2026-01-01T00:00:00+00:00', 'generate', 'm', 1, '{}',
            'x', NULL, '[]');""")
    conn.commit()
    conn.close()
    store = ProvenanceStore(path)
    assert store.lookup(5)["file_sha256"] is None                   # old records keep working
    rec = _record(store, store.new_id(32), file_sha256="ab" * 32)
    assert store.find_by_file("ab" * 32) == rec
