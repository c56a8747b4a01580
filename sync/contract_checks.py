"""Validate the finance side's answers before anything is changed. A malformed answer is refused."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .errors import SyncError, SyncKind

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_SEQ = 2**62


def malformed(message: str) -> SyncError:
    return SyncError(SyncKind.TRANSIENT, f"malformed answer: {message}")


def _int(doc: dict[str, Any], key: str, lo: int, hi: int = MAX_SEQ) -> int:
    value = doc.get(key)
    if type(value) is not int or not lo <= value <= hi:
        raise malformed(f"{key} must be an integer in {lo}..{hi}")
    return value


def check_object(doc: Any, what: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise malformed(f"{what} is not a JSON object")
    return doc


def check_status(doc: Any) -> tuple[int, int]:
    doc = check_object(doc, "status")
    expected = _int(doc, "expected_seq", 1)
    applied = _int(doc, "kiosk_applied_seq", 0)
    if not isinstance(doc.get("server_time"), str):
        raise malformed("server_time missing")
    if applied != expected - 1:
        raise malformed("kiosk_applied_seq must be expected_seq - 1")
    return expected, applied


def check_results(doc: Any, ids: Sequence[str], id_key: str) -> list[dict[str, Any]]:
    """One result per item, in order, for exactly these ids; statuses and reasons as the contract says."""
    doc = check_object(doc, "results")
    results = doc.get("results")
    if not isinstance(results, list) or len(results) != len(ids):
        raise malformed("results do not match the batch")
    for result, expected_id in zip(results, ids, strict=True):
        if not isinstance(result, dict) or result.get(id_key) != expected_id:
            raise malformed(f"a result names another {id_key} than the batch")
        if result.get("status") not in ("accepted", "duplicate", "rejected"):
            raise malformed("unknown result status")
        reason = result.get("reason")
        if reason is not None and (not isinstance(reason, str) or len(reason) > 2000):
            raise malformed("reason must be a short string")
        decided = result.get("decided")  # 1.1: on a duplicate, how the seq was decided the first time
        if decided is not None:
            if decided not in ("accepted", "rejected"):
                raise malformed("decided must be accepted or rejected")
            if result["status"] != "duplicate" and decided != result["status"]:
                raise malformed("decided contradicts the result's status")
    return results


def check_conflict(exc: SyncError, ids: Sequence[str]) -> None:
    """A 409 txn_conflict / chain_broken must name an item of the batch; else the answer is malformed
    (retried later) and sync is not stopped on a server's word that makes no sense."""
    if exc.txn_id is None or not UUID_RE.fullmatch(exc.txn_id) or exc.txn_id not in ids:
        raise malformed(f"a {exc.error or 'conflict'} that names no transaction of the batch")


def check_upload_answer(
    doc: Any, ids: Sequence[str], first_seq: int, last_seq: int
) -> tuple[list[dict[str, Any]], int]:
    results = check_results(doc, ids, "txn_id")
    applied = _int(doc, "kiosk_applied_seq", 0)
    if applied < last_seq:
        raise malformed(f"kiosk_applied_seq {applied} is below the batch's last seq {last_seq}")
    return results, applied
