"""Detect: did this video come from Sora Space, and which generation?

Contract: `detect_video(path, settings, watermarker=None, provenance=None) -> dict` checks the upload against the
size/duration limits from its header (refusing before any decoding), runs the watermark detector over the file, and
attaches the provenance record when the decoded id is known, and says whether the file is byte for byte the one
the app returned (`unchanged`; None when the record keeps no file digest). Unreadable or oversized files raise
`InvalidRequest` with a plain message. The answer never claims a detection the detector did not make.
"""
from __future__ import annotations

from pathlib import Path

from .config import Settings
from .errors import InvalidRequest, SafetyUnavailable

MAX_PIXELS = 1920 * 1080


def check_upload(path: str | Path, settings: Settings, argument: str = "video"):
    """Header-only checks for any uploaded video; returns its `VideoInfo`."""
    from safety.media import MediaError, check_limits, probe

    if path is None:
        raise InvalidRequest(argument, None, "no video was uploaded")
    try:
        info = probe(path)
        check_limits(info, max_seconds=settings.max_upload_seconds, max_pixels=MAX_PIXELS,
                     max_bytes=int(settings.max_upload_mb * 1e6))
    except MediaError as exc:
        raise InvalidRequest(argument, Path(path).name, str(exc)) from exc
    return info


def detect_video(path, settings: Settings, watermarker=None, provenance=None) -> dict:
    from safety.media import MediaError

    info = check_upload(path, settings)
    if watermarker is None or provenance is None:
        from .stack import get_stages

        stages = get_stages(settings)
        watermarker, provenance = stages.watermarker, stages.provenance
    try:
        detection = watermarker.detect_file(path)
    except MediaError as exc:
        raise InvalidRequest("video", Path(path).name, str(exc)) from exc
    except Exception as exc:
        raise SafetyUnavailable("watermark detector", str(exc)) from exc
    record = None
    if detection.watermarked and detection.payload_id is not None:
        record = provenance.lookup(detection.payload_id)
    unchanged = None  # whether the file is byte for byte the one the app returned (records keep its SHA-256)
    if record is not None and record.get("file_sha256"):
        from safety.provenance import sha256_of_file
        unchanged = sha256_of_file(path) == record["file_sha256"]
    if not detection.enough_evidence:
        verdict = "not enough evidence: the video is too short or too flat to decide"
    elif detection.watermarked:
        verdict = "made with Sora Space" + ("" if record else " (no provenance record on this server)")
        if unchanged is not None:
            verdict += "; this is the file as it was returned" if unchanged else "; re-encoded or edited since"
    else:
        verdict = "no Sora Space watermark found"
    from safety.c2pa_manifest import C2paSigner

    return {
        "file": Path(path).name,
        "content_credentials": C2paSigner.read(path),
        "watermarked": bool(detection.watermarked),
        "verdict": verdict,
        "confidence": round(float(detection.confidence), 6),
        "id": f"{detection.payload_id:08x}" if detection.watermarked and detection.payload_id is not None else None,
        "bit_accuracy": detection.bit_accuracy,
        "frames_used": detection.frames_used,
        "enough_evidence": detection.enough_evidence,
        "record": record,
        "unchanged": unchanged,
        "video": {"width": info.width, "height": info.height, "fps": info.fps, "duration_s": info.duration_s,
                  "codec": info.codec},
    }
