"""Reading and verifying the journal (append-only, hash-chained)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from pos_app.domain.journal import TXN_FIELDS, ChainProblem, verify_chain
from pos_app.storage.ledger import Ledger


@dataclass(frozen=True, slots=True)
class VerifyResult:
    count: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None


def export_journal(engine: Engine, after_seq: int = 0) -> Iterator[dict[str, Any]]:
    ledger = Ledger()
    with engine.connect() as conn:
        yield from ledger.journal(conn, after_seq)


class _Malformed(Exception):
    def __init__(self, seq: int, problem: str) -> None:
        self.seq, self.problem = seq, problem


def _raw_items(rows: Any) -> Iterator[dict[str, Any]]:
    """Rows as stored, decoded strictly: a value no kiosk would write is a problem, not a crash."""
    for row in rows:
        item = dict(zip(TXN_FIELDS, row, strict=True))
        seq = item["seq"]
        try:
            item["lines"] = json.loads(item["lines"])
        except (TypeError, ValueError):
            raise _Malformed(seq, "lines are not valid JSON") from None
        if item["offline"] not in (0, 1):
            raise _Malformed(seq, "offline is not a boolean")
        item["offline"] = bool(item["offline"])
        yield item


def verify_journal(engine: Engine) -> VerifyResult:
    cols = ", ".join(f'"{name}"' for name in TXN_FIELDS)
    with engine.connect() as conn:
        head_seq, head_hash = Ledger().head(conn)
        rows = conn.exec_driver_sql(f"SELECT {cols} FROM journal ORDER BY seq")
        count = 0

        def counted() -> Iterator[dict[str, Any]]:
            nonlocal count
            for item in _raw_items(rows):
                count += 1
                yield item

        try:
            problem = verify_chain(counted(), head_seq, head_hash)
        except _Malformed as exc:
            problem = ChainProblem(exc.seq, exc.problem)
    return VerifyResult(count, head_seq, head_hash, problem)
