"""Sync errors carry a kind that decides what happens next."""

from __future__ import annotations

from enum import StrEnum


class SyncKind(StrEnum):
    TRANSIENT = "transient"  # timeout, 5xx, offline, malformed answer: back off with jitter, retry
    AUTH = "auth"  # 401/403: stop, show
    TOO_LARGE = "too_large"  # 413: halve the batch
    SEQ_GAP = "seq_gap"  # 409 seq_gap: upload again from expected_seq
    CONFLICT = "conflict"  # 409 txn_conflict or chain_broken: stop uploading, alert a superuser, never retry by itself
    BAD_CURSOR = "bad_cursor"  # 400 bad_cursor: start a full pull
    BAD_REQUEST = "bad_request"  # 400 other: shown to a superuser
    INTEGRITY = "integrity"  # the finance side expects seqs this kiosk never made: data lost here
    CONFIG = "config"  # the kiosk's own settings cannot work (token file, URL)
    NOT_FOUND = "not_found"  # 404 on a product picture: the finance side does not know it (try again later)


class SyncError(Exception):
    def __init__(self, kind: SyncKind, message: str, *, retry_after_s: float | None = None,
                 expected_seq: int | None = None, txn_id: str | None = None,
                 error: str | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.error = error  # the answer's "error" code when it had one (txn_conflict, chain_broken, ...)
        self.kind = kind
        self.retry_after_s = retry_after_s
        self.expected_seq = expected_seq
        self.txn_id = txn_id
