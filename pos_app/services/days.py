"""Business days: opened by a superuser or the first sale, closed by exactly one Z report.

The figures are the contract's day closing, computed from the journal; the X report is the
same for the day so far.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from pos_app.domain.clock import business_date, local_iso_ms
from pos_app.domain.journal import GENESIS_HASH
from pos_app.storage.ledger import Ledger
from pos_app.storage.models import AuditRow, BusinessDayRow, DayClosingRow, JournalRow, ProductRow, table

log = logging.getLogger(__name__)

_days = table(BusinessDayRow)
_journal = table(JournalRow)
_audit = table(AuditRow)
_closings = table(DayClosingRow)
_products = table(ProductRow)

_Q_OPEN_DAY = select(_days.c.id, _days.c.business_date).where(_days.c.closed_at.is_(None))
AUTO = "auto"  # closed_by / staff_id of what the kiosk does by itself


@dataclass(frozen=True, slots=True)
class OpenDay:
    id: int
    business_date: str


def audit(conn: Connection, at: datetime, tz: tzinfo, staff_id: str, action: str,
          before: Any = None, after: Any = None) -> None:  # fmt: skip
    conn.execute(insert(_audit), {"at": local_iso_ms(at, tz), "business_date": business_date(at, tz).isoformat(),
                                  "staff_id": staff_id, "action": action, "before": before,
                                  "after": after})  # fmt: skip


def open_day_row(conn: Connection) -> OpenDay | None:
    row = conn.execute(_Q_OPEN_DAY).first()
    return OpenDay(row[0], row[1]) if row else None


def open_day(conn: Connection, now: datetime, tz: tzinfo, staff_id: str, float_ore: int) -> OpenDay:
    head_seq, _ = Ledger().head(conn)
    # Never before the last day's date: a clock set back (a time sync, a person) must not reopen the past.
    last = conn.execute(select(func.max(_days.c.business_date))).scalar()
    bdate = max(business_date(now, tz).isoformat(), last or "")
    result = conn.execute(insert(_days), {"business_date": bdate, "opened_at": local_iso_ms(now, tz),
                                          "opened_by": staff_id, "opening_float_ore": float_ore,
                                          "start_after_seq": head_seq})  # fmt: skip
    key = result.inserted_primary_key
    assert key is not None
    return OpenDay(int(key[0]), bdate)


def cash_topups(conn: Connection, day_id: int) -> int:
    """How many cash top-ups the day has had (the opening float is fixed from the first one)."""
    start = conn.execute(select(_days.c.start_after_seq).where(_days.c.id == day_id)).scalar_one()
    return int(conn.execute(select(func.count()).select_from(_journal)
                            .where(_journal.c.seq > start, _journal.c.kind == "topup_cash")).scalar_one())  # fmt: skip


def set_opening_float(conn: Connection, day_id: int, float_ore: int) -> int:
    """Set the open day's opening float; returns the one it had."""
    before = conn.execute(select(_days.c.opening_float_ore).where(_days.c.id == day_id)).scalar_one()
    conn.execute(update(_days).where(_days.c.id == day_id).values(opening_float_ore=float_ore))
    return int(before)


def current_day(conn: Connection, now: datetime, tz: tzinfo) -> tuple[OpenDay | None, list[str]]:
    """The open business day that ``now`` belongs to, or None. A day left open past midnight is closed first
    (cash counted as expected, audited, with a warning for the superuser, which is returned)."""
    warnings: list[str] = []
    today = business_date(now, tz).isoformat()
    day = open_day_row(conn)
    # Only a later date closes the open day: when the clock is set back (a time sync, a person), the open
    # day goes on, so business dates never run backwards and a day is never closed twice.
    if day is not None and day.business_date < today:
        report = close_day(conn, day, now, tz, AUTO, None)["report"]
        warnings.append(f"business day {day.business_date} was left open; closed with Z {report['z_number']}, "
                        "cash counted as expected")  # fmt: skip
        audit(conn, now, tz, AUTO, "day_auto_closed", None, {"business_date": day.business_date,
                                                              "z_number": report["z_number"]})  # fmt: skip
        log.warning(warnings[-1])
        day = None
    return day, warnings


def ensure_day(conn: Connection, now: datetime, tz: tzinfo) -> tuple[OpenDay, list[str]]:
    """The open business day for ``now`` (see ``current_day``); no open day opens one. Returns the day and
    the warnings."""
    day, warnings = current_day(conn, now, tz)
    return (day or open_day(conn, now, tz, AUTO, 0)), warnings


def day_figures(conn: Connection, day_id: int, now: datetime, tz: tzinfo) -> dict[str, Any]:
    """The contract's day-closing fields for the day so far, plus by_product and by_category."""
    day = conn.execute(select(_days).where(_days.c.id == day_id)).one()
    rows = conn.execute(
        select(_journal.c.seq, _journal.c.kind, _journal.c.net_ore, _journal.c.gross_ore, _journal.c.subsidy_ore,
               _journal.c.balance_delta_ore, _journal.c.lines, _journal.c.hash)
        .where(_journal.c.seq > day.start_after_seq).order_by(_journal.c.seq)
    ).all()  # fmt: skip
    counts = {"sale": 0, "refund": 0, "void": 0, "topup_cash": 0, "adjustment": 0}
    sums: defaultdict[str, int] = defaultdict(int)
    products: dict[str, dict[str, int]] = defaultdict(lambda: {"qty": 0, "net_ore": 0})
    for _seq, kind, net, gross, subsidy, delta, lines, _h in rows:
        counts[kind] += 1
        if kind == "sale":
            sums["sales_gross_ore"] += gross
            sums["sales_subsidy_ore"] += subsidy
            sums["sales_net_ore"] += net
        elif kind in ("refund", "void"):
            sums["returns_net_ore"] += net
        elif kind == "topup_cash":
            sums["topup_cash_ore"] += net
        elif kind == "adjustment":
            sums["adjustments_ore"] += delta
        sign = 1 if kind == "sale" else -1
        for line in lines if kind in ("sale", "refund", "void") else ():
            products[line["product_id"]]["qty"] += sign * line["qty"]
            products[line["product_id"]]["net_ore"] += sign * line["net_ore"]
    first_seq, last_seq = (rows[0][0], rows[-1][0]) if rows else (0, 0)
    last_hash = rows[-1][7] if rows else GENESIS_HASH
    totals = conn.execute(
        select(
            func.coalesce(func.sum(_journal.c.net_ore).filter(_journal.c.kind == "sale"), 0),
            func.coalesce(func.sum(_journal.c.net_ore).filter(_journal.c.kind.in_(("refund", "void"))), 0),
        ).where(_journal.c.seq <= last_seq if rows else _journal.c.seq <= day.start_after_seq)
    ).one()  # fmt: skip
    staff_actions = conn.execute(select(func.count()).select_from(_audit)
                                 .where(_audit.c.business_date == day.business_date)).scalar_one()  # fmt: skip
    categories = dict(conn.execute(select(_products.c.product_id, _products.c.category)).all())
    by_category: dict[str, dict[str, int]] = defaultdict(lambda: {"qty": 0, "net_ore": 0})
    for pid, fig in products.items():
        cat = categories.get(pid, "other")
        by_category[cat]["qty"] += fig["qty"]
        by_category[cat]["net_ore"] += fig["net_ore"]
    float_ore = day.opening_float_ore
    topup = sums["topup_cash_ore"]
    report = {
        "closing_id": None, "business_date": day.business_date, "z_number": None,
        "opened_at": day.opened_at, "closed_at": local_iso_ms(now, tz), "closed_by": None,
        "first_seq": first_seq, "last_seq": last_seq, "last_hash": last_hash, "counts": counts,
        "sales_gross_ore": sums["sales_gross_ore"], "sales_subsidy_ore": sums["sales_subsidy_ore"],
        "sales_net_ore": sums["sales_net_ore"], "returns_net_ore": sums["returns_net_ore"],
        "topup_cash_ore": topup, "adjustments_ore": sums["adjustments_ore"], "opening_float_ore": float_ore,
        "cash_expected_ore": float_ore + topup, "cash_counted_ore": None, "cash_difference_ore": None,
        "staff_actions": int(staff_actions), "grand_total_sales_ore": int(totals[0]),
        "grand_total_returns_ore": int(totals[1]),
    }  # fmt: skip
    return {"report": report, "by_product": dict(sorted(products.items())),
            "by_category": dict(sorted(by_category.items()))}  # fmt: skip


def close_day(conn: Connection, day: OpenDay, now: datetime, tz: tzinfo, staff_id: str,
              cash_counted_ore: int | None) -> dict[str, Any]:  # fmt: skip
    """Close ``day`` with its Z report (stored for the sync engine). ``None`` counted: as expected."""
    figures = day_figures(conn, day.id, now, tz)
    report = figures["report"]
    last_z = conn.execute(select(func.max(_days.c.z_number))).scalar()
    z_number = int(last_z or 0) + 1
    counted = report["cash_expected_ore"] if cash_counted_ore is None else cash_counted_ore
    report.update(closing_id=str(uuid.uuid4()), z_number=z_number, closed_by=staff_id, cash_counted_ore=counted,
                  cash_difference_ore=counted - report["cash_expected_ore"])  # fmt: skip
    conn.execute(update(_days).where(_days.c.id == day.id).values(closed_at=report["closed_at"], z_number=z_number))
    Ledger().record_head(conn)  # the Z report's journal is covered by the recorded head (journal --verify)
    conn.execute(insert(_closings), {"closing_id": report["closing_id"], "z_number": z_number,
                                     "business_date": report["business_date"], "last_seq": report["last_seq"],
                                     "document": json.loads(json.dumps(report)), "sent_status": "pending"})  # fmt: skip
    return figures | {"report": report}
