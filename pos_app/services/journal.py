"""Reading and verifying the journal (append-only, hash-chained)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from pos_app.domain.journal import TXN_FIELDS, ChainProblem, verify_chain
from pos_app.storage.db import reading
from pos_app.storage.ledger import SQL_RUNNING_ROWS, Ledger, spending_effect


@dataclass(frozen=True, slots=True)
class VerifyResult:
    count: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None
    figures_problem: str | None = None  # "running figures wrong for child ...: ..."
    recorded_seq: int = 0  # the recorded head's seq (the journal reached it with its hash)


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
    with reading(engine) as conn:  # one snapshot for the head, the rows and the figures; no write lock
        recorded_seq, recorded_hash = Ledger().recorded_head(conn)
        rows = conn.exec_driver_sql(f"SELECT {cols} FROM journal ORDER BY seq")
        count = 0

        def counted() -> Iterator[dict[str, Any]]:
            nonlocal count
            for item in _raw_items(rows):
                count += 1
                yield item

        try:
            # The recorded head may lag the last rows (see storage.ledger.SQL_RECORD_HEAD).
            problem = verify_chain(counted(), recorded_seq, recorded_hash, head_may_lag=True)
        except _Malformed as exc:
            problem = ChainProblem(exc.seq, exc.problem)
        figures = running_figures_problem(conn)
        head_seq, head_hash = Ledger().head(conn)
    return VerifyResult(count, head_seq, head_hash, problem, figures, recorded_seq)


def running_figures_problem(conn: Connection) -> str | None:
    """Recompute every journal row's running figures from the rows before it; the first difference.

    Each row carries its child's balance_delta_ore summed over the child's rows up to it, the newest
    business date among them, and the child's spending on that date up to it (sales minus refunds and
    voids; offline sales). Recomputed here as plain sums per child and per child and date, not with
    the ledger's incremental rule.
    """
    cum: dict[str, int] = {}
    newest: dict[str, str] = {}
    days: dict[tuple[str, str], tuple[int, int]] = {}
    for row in conn.exec_driver_sql(SQL_RUNNING_ROWS):
        seq, child, date, kind, net, offline, delta = row[:7]
        cum[child] = cum.get(child, 0) + delta
        spent, offline_sales = spending_effect(kind, net, bool(offline))
        before = days.get((child, date), (0, 0))
        days[(child, date)] = (before[0] + spent, before[1] + offline_sales)
        newest[child] = max(newest.get(child, date), date)
        want = (cum[child], newest[child], *days[(child, newest[child])])
        have = tuple(row[7:11])
        if have != want:
            return (f"running figures wrong for child {child} at seq {seq}: running sum {have[0]} øre, on "
                    f"{have[1]} spent {have[2]} øre and offline sales {have[3]} øre; the journal says "
                    f"{want[0]} øre, on {want[1]} {want[2]} and {want[3]} øre")  # fmt: skip
    return None
