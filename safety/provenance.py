"""Provenance store: one SQLite record per generated video, keyed by the id the watermark carries.

Contract:
- `ProvenanceStore(path)` opens (creating if needed) an SQLite database at `path`. Every write is one transaction
  (WAL journal, synchronous=FULL), so a record that `record()` returned is on disk, and a crash mid-write leaves
  no partial record. Connections are opened per call, so one store object may be shared between threads.
- Ids are reserved, then committed: `new_id(bits)` picks a random unused id in [0, 2**bits) and stores a
  reservation in the same transaction (two callers can never get the same id); `record(id=...)` turns it into
  the full record. The pipeline calls `record()` *before* it returns or publishes the video
  (write-before-return), so a returned video always has its record; a crash in between leaves at most an unused
  reservation (`discard()` or `prune_reservations()` clean those up), never a video without a record.
- A record: id, created_at (UTC ISO-8601), tool, model, seed, settings (JSON), prompt_sha256 (salted with a
  secret random salt kept in the store, so common prompts cannot be looked up by hashing them), prompt (only when
  the operator opts in with `store_prompt=True`), parents (ids for Remix/Blend/Extend), file_sha256 (the SHA-256 of
  the exact MP4 handed out, or None). `lookup(id)` returns it as a dict, or None for an unknown or merely reserved
  id; `find_by_file(sha256)` returns the record of the video with exactly those bytes, or None. Stores made before
  file_sha256 existed gain the column when opened.
- `sha256_of_file(path)` is the digest the store keeps (hex SHA-256 of the file's bytes).
- `manifest(record)` -> small str->str dict for the MP4 metadata: standard `comment`/`description` keys (the
  MP4 muxer keeps these without extra flags) stating that the video is AI-generated and naming its provenance id.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

GENERATOR = "Sora Space"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS generations (
    id            INTEGER PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('reserved', 'committed')),
    reserved_at   REAL NOT NULL,
    created_at    TEXT,
    tool          TEXT,
    model         TEXT,
    seed          INTEGER,
    settings      TEXT,
    prompt_sha256 TEXT,
    prompt        TEXT,
    parents       TEXT,
    file_sha256   TEXT
);
CREATE TABLE IF NOT EXISTS lineage (
    child  INTEGER NOT NULL REFERENCES generations(id),
    parent INTEGER NOT NULL,
    PRIMARY KEY (child, parent)
);
CREATE INDEX IF NOT EXISTS lineage_parent ON lineage(parent);
"""
_FILE_INDEX = "CREATE INDEX IF NOT EXISTS generations_file ON generations(file_sha256)"



class ProvenanceStore:
    """Transactional SQLite store of generation records."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        schema = self._open()
        try:
            schema.executescript(_SCHEMA)          # idempotent DDL, outside any explicit transaction
            columns = {row["name"] for row in schema.execute("PRAGMA table_info(generations)")}
            if "file_sha256" not in columns:       # a store written before the column existed
                schema.execute("ALTER TABLE generations ADD COLUMN file_sha256 TEXT")
            schema.execute(_FILE_INDEX)
        finally:
            schema.close()
        with self._connect() as conn:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('prompt_salt', ?)",
                         (secrets.token_hex(16),))
            self._salt = bytes.fromhex(conn.execute("SELECT value FROM meta WHERE key = 'prompt_salt'").fetchone()[0])

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)   # explicit BEGIN/COMMIT only
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.row_factory = sqlite3.Row
        return conn

    def _connect(self) -> "_Transaction":
        return _Transaction(self._open())

    # ------------------------------------------------------------ writes
    def new_id(self, bits: int) -> int:
        """A random id in [0, 2**bits) that no record or reservation uses, reserved atomically."""
        if not 8 <= bits <= 63:
            raise ValueError("id bits must be in [8, 63]")
        with self._connect() as conn:
            for _ in range(64):
                candidate = secrets.randbelow(1 << bits)
                if conn.execute("SELECT 1 FROM generations WHERE id = ?", (candidate,)).fetchone() is None:
                    conn.execute("INSERT INTO generations (id, status, reserved_at) VALUES (?, 'reserved', ?)",
                                 (candidate, time.time()))
                    return candidate
        raise RuntimeError(f"could not find an unused {bits}-bit id: the id space is nearly full")

    def record(self, *, id: int, tool: str, model: str, seed: int, settings: dict, prompt: str,
               store_prompt: bool = False, parents: tuple[int, ...] = (), file_sha256: str | None = None) -> dict:
        """Commit the record for `id` (reserved by `new_id`, or new). Returns it as `lookup` would.

        Raises ValueError if `id` already has a committed record (records are never overwritten) or if
        `settings` is not JSON-serialisable."""
        try:
            settings_json = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"settings must be JSON-serialisable: {exc}") from exc
        parents = tuple(int(p) for p in parents)
        if file_sha256 is not None and not re.fullmatch(r"[0-9a-f]{64}", file_sha256):
            raise ValueError(f"file_sha256={file_sha256!r} is not a lowercase hex SHA-256 digest")
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            str(tool), str(model), int(seed), settings_json,
            self.prompt_hash(prompt), prompt if store_prompt else None, json.dumps(list(parents)), file_sha256,
        )
        with self._connect() as conn:
            existing = conn.execute("SELECT status FROM generations WHERE id = ?", (int(id),)).fetchone()
            if existing is not None and existing["status"] == "committed":
                raise ValueError(f"generation id {id} already has a record")
            if existing is None:
                conn.execute("INSERT INTO generations (id, status, reserved_at) VALUES (?, 'reserved', ?)",
                             (int(id), time.time()))
            conn.execute(
                "UPDATE generations SET status = 'committed', created_at = ?, tool = ?, model = ?, seed = ?, "
                "settings = ?, prompt_sha256 = ?, prompt = ?, parents = ?, file_sha256 = ? WHERE id = ?",
                row + (int(id),))
            conn.executemany("INSERT OR IGNORE INTO lineage (child, parent) VALUES (?, ?)",
                             [(int(id), p) for p in parents])
        log.info("provenance record %d committed (tool=%s, model=%s, parents=%d, prompt stored=%s)",
                 id, tool, model, len(parents), store_prompt)
        record = self.lookup(id)
        assert record is not None
        return record

    def discard(self, id: int) -> bool:
        """Drop a reservation that never became a record (e.g. the generation failed). True if one was dropped."""
        with self._connect() as conn:
            return conn.execute("DELETE FROM generations WHERE id = ? AND status = 'reserved'",
                                (int(id),)).rowcount > 0

    def prune_reservations(self, older_than_s: float = 3600.0) -> int:
        """Drop reservations older than `older_than_s` (left by crashes). Returns how many were dropped."""
        with self._connect() as conn:
            return conn.execute("DELETE FROM generations WHERE status = 'reserved' AND reserved_at < ?",
                                (time.time() - older_than_s,)).rowcount

    # ------------------------------------------------------------ reads
    def lookup(self, id: int) -> dict | None:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM generations WHERE id = ? AND status = 'committed'",
                               (int(id),)).fetchone()
        return None if row is None else _row_to_record(row)

    def find_by_file(self, sha256: str) -> dict | None:
        """The committed record of the video whose file has exactly this SHA-256, or None."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM generations WHERE file_sha256 = ? AND status = 'committed' "
                               "ORDER BY id LIMIT 1", (str(sha256),)).fetchone()
        return None if row is None else _row_to_record(row)

    def children(self, id: int) -> list[int]:
        """Ids of committed records that name `id` as a parent (Remix/Blend/Extend of it)."""
        with self._connect() as conn:
            rows = conn.execute("SELECT child FROM lineage WHERE parent = ? ORDER BY child", (int(id),)).fetchall()
        return [r[0] for r in rows]

    def prompt_hash(self, prompt: str) -> str:
        return hmac.new(self._salt, prompt.encode("utf-8"), hashlib.sha256).hexdigest()

    def prompt_matches(self, id: int, prompt: str) -> bool:
        """Whether `prompt` is the one recorded for `id` (works without the prompt being stored)."""
        record = self.lookup(id)
        return record is not None and hmac.compare_digest(record["prompt_sha256"], self.prompt_hash(prompt))


class _Transaction:
    """Context manager: BEGIN IMMEDIATE on enter, COMMIT on success, ROLLBACK on error, always close."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.conn.close()


def _row_to_record(row: sqlite3.Row) -> dict:
    return {
        "id": int(row["id"]),
        "created_at": row["created_at"],
        "tool": row["tool"],
        "model": row["model"],
        "seed": row["seed"],
        "settings": json.loads(row["settings"]),
        "prompt_sha256": row["prompt_sha256"],
        "prompt": row["prompt"],
        "parents": json.loads(row["parents"]),
        "file_sha256": row["file_sha256"],
    }


def sha256_of_file(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (uploads may be tens of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def manifest(record: dict) -> dict[str, str]:
    """Small str->str provenance manifest for the MP4's metadata (no prompt, no settings)."""
    summary = {
        "generator": GENERATOR,
        "ai_generated": True,
        "id": f"{int(record['id']):08x}",
        "tool": record.get("tool"),
        "model": record.get("model"),
        "created_at": record.get("created_at"),
        "parents": [f"{int(p):08x}" for p in record.get("parents") or ()],
        "watermark": "invisible; check it with the Detect tab or /detect",
    }
    parents = ", ".join(str(p) for p in summary["parents"]) or "none"
    return {
        "comment": (f"AI-generated video made with {GENERATOR}. Provenance id {summary['id']} "
                    f"(tool {summary['tool']}, model {summary['model']}, parents {parents})."),
        "description": json.dumps(summary, sort_keys=True, separators=(",", ":")),
    }
