"""Reading and verifying the journal (append-only, hash-chained)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from pos_app.domain.journal import TXN_FIELDS, ChainProblem, verify_chain
from pos_app.storage.ledger import SQL_DAY_SUMS, SQL_PENDING_SUM, Ledger


@dataclass(frozen=True, slots=True)
class VerifyResult:
    count: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None
    figures_problem: str | None = None  # "running figures wrong for child ...: ..."


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
        figures = running_figures_problem(conn)
    return VerifyResult(count, head_seq, head_hash, problem, figures)


def running_figures_problem(conn: Connection) -> str | None:
    """Compare the running figures with the sums over the journal they replace; the first difference.

    Pending delta of every cached child: the sum of balance_delta_ore over its rows with seq above its
    balance_applied_seq. Day figures of every child and business date: sales minus refunds and voids,
    and offline sales; a stored row the journal does not explain is wrong too (unless it is all 0).
    """
    pending = conn.exec_driver_sql(
        f"SELECT child_id, pending_delta_ore, ({SQL_PENDING_SUM}) AS expected FROM children "
        "WHERE pending_delta_ore IS NOT expected ORDER BY child_id LIMIT 1"
    ).first()
    if pending is not None:
        return (f"running figures wrong for child {pending[0]}: pending delta {pending[1]} øre, "
                f"the journal says {pending[2]} øre")  # fmt: skip
    expected = {(r[0], r[1]): (int(r[2]), int(r[3])) for r in conn.exec_driver_sql(SQL_DAY_SUMS)}
    stored = {
        (r[0], r[1]): (int(r[2]), int(r[3]))
        for r in conn.exec_driver_sql(
            "SELECT child_id, business_date, spent_net_ore, offline_sales_net_ore FROM child_day_figures"
        )
    }
    for key in sorted(expected.keys() | stored.keys()):
        want, have = expected.get(key, (0, 0)), stored.get(key, (0, 0))
        if want != have:
            return (f"running figures wrong for child {key[0]}: on {key[1]} spent {have[0]} øre and offline "
                    f"sales {have[1]} øre, the journal says {want[0]} and {want[1]} øre")  # fmt: skip
    return None
