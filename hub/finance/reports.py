"""The back office's finance reports: reads only. A finance user sees every club side by side, a leader
their own club. Each report is a list of rows (also its CSV) plus, for the charts, series per club."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from hub.clubs.models import Club
from hub.finance import selectors
from hub.ledger.models import Entry, KioskTransaction

RETURNS = ("refund", "void")
MAX_DAYS = 366


@dataclass
class Report:
    key: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    chart: dict[str, Any] | None = None  # {"type", "labels", "datasets": [{"label", "data"}]} (kroner)


def _kr(ore: int) -> float:
    # only for the chart's axis (Chart.js draws numbers); the tables and CSV keep integer øre
    return ore / 100


def _series(clubs: list[Club], labels: list[str], values: dict[tuple[str, str], int], kind: str) -> dict[str, Any]:
    return {"type": kind, "labels": labels,
            "datasets": [{"label": c.name, "data": [_kr(values.get((c.club_id, lab), 0)) for lab in labels]}
                         for c in clubs]}  # fmt: skip


def sales(clubs: list[Club], first: date, last: date) -> tuple[Report, Report, Report]:
    """Sales per day, per product and subsidy per month (net of returns, by business date), one pass."""
    per_day: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # sales, returns, count
    per_product: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # qty, net
    per_month: dict[tuple[str, str], int] = defaultdict(int)
    for t in selectors.booked(clubs, first, last):
        day = t.business_date.isoformat()
        sign = 1 if t.kind == "sale" else -1 if t.kind in RETURNS else 0
        if not sign:
            continue
        d = per_day[(t.club_id, day)]
        if sign > 0:
            d[0] += t.net_ore
            d[2] += 1
        else:
            d[1] += t.net_ore
        per_month[(t.club_id, day[:7])] += sign * t.subsidy_ore
        for line in t.item["lines"]:
            p = per_product[(t.club_id, line["product_id"])]
            p[0] += sign * int(line["qty"])
            p[1] += sign * int(line["net_ore"])
    days = [d.isoformat() for d in selectors.days(first, last)]
    day_rep = Report("sales_per_day", ["club_id", "date", "sales_count", "sales_net_ore", "returns_net_ore", "net_ore"])
    for (club_id, day), (s, r, n) in sorted(per_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        day_rep.rows.append([club_id, day, n, s, r, s - r])
    day_rep.chart = _series(clubs, days, {k: v[0] - v[1] for k, v in per_day.items()}, "bar")
    names = selectors.product_names(clubs)
    prod_rep = Report("sales_per_product", ["club_id", "product_id", "product_name", "qty", "net_ore"])
    for (club_id, pid), (q, net) in sorted(per_product.items(), key=lambda kv: (-kv[1][1], kv[0])):
        prod_rep.rows.append([club_id, pid, names.get((club_id, pid), ""), q, net])
    top = sorted({pid for (_c, pid) in per_product}, key=lambda p: -sum(v[1] for (c, q), v in per_product.items()
                                                                       if q == p))[:12]  # fmt: skip
    prod_rep.chart = _series(clubs, top, {k: v[1] for k, v in per_product.items()}, "bar")
    # the chart is labelled by the products' names (the id where no club knows the product any more)
    prod_rep.chart["labels"] = [" / ".join(sorted({names[(c.club_id, pid)] for c in clubs
                                                   if (c.club_id, pid) in names})) or pid for pid in top]
    months = sorted({d[:7] for d in days})
    sub_rep = Report("subsidy_per_month", ["club_id", "month", "subsidy_ore"])
    for (club_id, month), sub in sorted(per_month.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        sub_rep.rows.append([club_id, month, sub])
    sub_rep.chart = _series(clubs, months, per_month, "bar")
    return day_rep, prod_rep, sub_rep


def balances(clubs: list[Club], first: date, last: date) -> Report:
    """The prepaid balances a club holds for families at the end of each day (the liability): every
    entry of its prepaid children up to that day (kiosk entries by business date, others by the day made)."""
    rep = Report("balances_held", ["club_id", "date", "balance_ore"])
    days = [d.isoformat() for d in selectors.days(first, last)]
    start_of, _end = selectors.local_day_bounds(first)
    values: dict[tuple[str, str], int] = {}
    for club in clubs:
        prepaid = Entry.objects.filter(child__club=club, child__payment_mode="prepaid")
        before = int((prepaid.exclude(kind="kiosk").filter(created_at__lt=start_of).aggregate(s=Sum("amount_ore"))["s"]
                      or 0)
                     + (prepaid.filter(kind="kiosk", kiosk_txn__business_date__lt=first)
                        .aggregate(s=Sum("amount_ore"))["s"] or 0))  # fmt: skip
        delta: dict[str, int] = defaultdict(int)
        for bdate, amount in (prepaid.filter(kind="kiosk", kiosk_txn__business_date__gte=first,
                                             kiosk_txn__business_date__lte=last)
                              .values_list("kiosk_txn__business_date").annotate(s=Sum("amount_ore"))):  # fmt: skip
            delta[bdate.isoformat()] += int(amount)
        for e in selectors.office_entries_between([club], first, last, prepaid_only=True):
            delta[e.day.isoformat()] += e.amount_ore
        running = before
        for day in days:
            running += delta.get(day, 0)
            values[(club.club_id, day)] = running
            rep.rows.append([club.club_id, day, running])
    rep.rows.sort(key=lambda r: (r[1], r[0]))
    rep.chart = _series(clubs, days, values, "line")
    return rep


def cash_differences(clubs: list[Club], first: date, last: date) -> Report:
    rep = Report("cash_differences", ["club_id", "kiosk_id", "business_date", "z_number", "cash_expected_ore",
                                      "cash_counted_ore", "cash_difference_ore"])  # fmt: skip
    labels: list[str] = []
    diffs: list[float] = []
    for club_id, kiosk_id, z in selectors.closings(clubs, first, last):
        c = json.loads(z.content)
        rep.rows.append([club_id, kiosk_id, z.business_date.isoformat(), z.z_number, c["cash_expected_ore"],
                         c["cash_counted_ore"], c["cash_difference_ore"]])  # fmt: skip
        labels.append(f"{kiosk_id} Z{z.z_number} {z.business_date.isoformat()}")
        diffs.append(_kr(int(c["cash_difference_ore"])))
    rep.chart = {"type": "bar", "labels": labels, "datasets": [{"label": str(_("Kassedifference")), "data": diffs}]}
    return rep


def rejected(clubs: list[Club]) -> Report:
    """The rejected transactions of the clubs (stored, never booked) that nobody has marked resolved in the
    back office yet (``hub.kiosks.Resolution``), newest first, at most 500."""
    rep = Report("rejected_open", ["club_id", "kiosk_id", "seq", "business_date", "kind", "child_id",
                                   "balance_delta_ore", "reason", "decided_at"])  # fmt: skip
    qs = (KioskTransaction.objects.filter(kiosk__club__in=clubs, status="rejected", resolution__isnull=True)
          .order_by("-decided_at", "kiosk__kiosk_id", "-seq")
          .values_list("kiosk__club__club_id", "kiosk__kiosk_id", "seq", "business_date", "kind", "child_id",
                       "balance_delta_ore", "reason", "decided_at")[:500])  # fmt: skip
    for club_id, kiosk_id, seq, bdate, kind, child_id, delta, reason, decided in qs:
        when = decided.astimezone(selectors.LOCAL).strftime("%Y-%m-%d %H:%M")
        rep.rows.append([club_id, kiosk_id, seq, bdate.isoformat() if bdate else "", kind, child_id, delta, reason,
                         when])  # fmt: skip
    return rep


def one_report(key: str, clubs: list[Club], first: date, last: date) -> Report:
    """One report by its key (for its CSV): only what it needs is read."""
    if key == "balances_held":
        return balances(clubs, first, last)
    if key == "cash_differences":
        return cash_differences(clubs, first, last)
    if key == "rejected_open":
        return rejected(clubs)
    return {r.key: r for r in sales(clubs, first, last)}[key]


def all_reports(clubs: list[Club], first: date, last: date) -> dict[str, Report]:
    day, product, subsidy = sales(clubs, first, last)
    reps = [day, product, subsidy, balances(clubs, first, last), cash_differences(clubs, first, last), rejected(clubs)]
    return {r.key: r for r in reps}
