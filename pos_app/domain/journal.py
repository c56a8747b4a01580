"""The journal's contract format and hash chain."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

# The contract's transaction fields, in the order the contract lists them.
TXN_FIELDS = (
    "txn_id", "seq", "kind", "child_id", "card_uid", "staff_id", "occurred_at", "business_date",
    "lines", "gross_ore", "subsidy_ore", "net_ore", "balance_delta_ore", "friplads_pct",
    "refers_to", "note", "offline", "prev_hash", "hash",
)  # fmt: skip


# One encoder for every call (json.dumps with these options builds a new one each time); it keeps no
# state between calls, so threads may share it.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(item: Mapping[str, Any]) -> str:
    return _CANONICAL.encode(item)


# Random bytes for new txn_ids, fetched from the OS 4 KiB at a time instead of one system call per sale.
_random_pool = bytearray()
_random_lock = threading.Lock()  # two threads never take the same bytes


def _forget_random_pool() -> None:  # a forked child must never reuse its parent's bytes
    global _random_lock
    _random_lock = threading.Lock()
    _random_pool.clear()


os.register_at_fork(after_in_child=_forget_random_pool)


def new_txn_id() -> str:
    """A time-ordered (version 7, RFC 9562) UUID as text: 48 bits of Unix milliseconds, then 74 random bits
    from the OS's CSPRNG. The contract takes any version; time-ordered ids go into the journal's txn_id
    index next to each other (its newest page stays in the cache, its pages fill up) instead of at a
    random place in an index that grows with the journal."""
    with _random_lock:
        if len(_random_pool) < 10:
            _random_pool.extend(os.urandom(4096))
        b = _random_pool[-10:]
        del _random_pool[-10:]
    ms = time.time_ns() // 1_000_000
    b[0] = 0x70 | (b[0] & 0x0F)  # version 7
    b[2] = 0x80 | (b[2] & 0x3F)  # RFC 9562 variant
    h = f"{ms & 0xFFFF_FFFF_FFFF:012x}{b.hex()}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def chain_hash(item: Mapping[str, Any]) -> str:
    """``sha256(prev_hash_hex + canonical_json(item without "hash"))`` as lower-case hex."""
    body = {k: v for k, v in item.items() if k != "hash"} if "hash" in item else item
    return hashlib.sha256((item["prev_hash"] + canonical_json(body)).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(items: Iterable[Mapping[str, Any]], head_seq: int, head_hash: str,
                 head_may_lag: bool = False) -> ChainProblem | None:  # fmt: skip
    """Check seq 1..N without gaps, every hash, every link, and the stored head.

    The journal must end at the head (``head_seq``, ``head_hash``); with ``head_may_lag`` (a head
    recorded at a quiet moment) it must reach the head, with that hash, and may go on after it.
    Returns the first problem (naming the first bad seq) or None.
    """
    expected_seq = 1
    prev = GENESIS_HASH
    at_head = GENESIS_HASH if head_seq == 0 else None  # the hash of the row at head_seq
    for item in items:
        seq = item["seq"]
        if seq != expected_seq:
            return ChainProblem(expected_seq, f"seq {expected_seq} is missing (found {seq})")
        if item["prev_hash"] != prev:
            return ChainProblem(seq, "prev_hash does not match the previous transaction's hash")
        if chain_hash(item) != item["hash"]:
            return ChainProblem(seq, "hash does not match the transaction's content")
        prev = item["hash"]
        if seq == head_seq:
            at_head = prev
        expected_seq += 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return ChainProblem(last_seq + 1, f"journal ends at seq {last_seq} but the head says {head_seq}")
    if last_seq > head_seq and not head_may_lag:
        return ChainProblem(head_seq + 1, f"journal has rows after the head's seq {head_seq}")
    if at_head != head_hash:
        return ChainProblem(max(head_seq, 1), "the hash at the head's seq does not match the stored head")
    return None


NOTE_MAX = 500  # the contract's bound on ``note``


def new_item(*, kind: str, child_id: str, card_uid: str | None, staff_id: str | None, occurred_at: str,
             business_date: str, lines: list[Any], gross_ore: int, subsidy_ore: int, net_ore: int,
             balance_delta_ore: int, friplads_pct: int, refers_to: str | None, note: str | None, offline: bool,
             txn_id: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A new transaction in the contract's shape, before the ledger gives it ``seq`` and the hash chain.

    The one builder of journal items (sales, returns, top-ups, adjustments)."""
    return {
        "txn_id": txn_id or new_txn_id(), "kind": kind, "child_id": child_id, "card_uid": card_uid,
        "staff_id": staff_id, "occurred_at": occurred_at, "business_date": business_date, "lines": lines,
        "gross_ore": gross_ore, "subsidy_ore": subsidy_ore, "net_ore": net_ore,
        "balance_delta_ore": balance_delta_ore, "friplads_pct": friplads_pct, "refers_to": refers_to,
        "note": note[:NOTE_MAX] if note else None, "offline": offline,
    }  # fmt: skip
