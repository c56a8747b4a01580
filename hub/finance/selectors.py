"""Reads for the finance exports and reports. Everything that can grow with the period is an iterator
over a server-side cursor (Django's ``iterator()``), so memory stays flat; sums are kept per child or
per day, never per transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hub.api.models import DayClosing
from hub.clubs.models import Child, Club, Product
from hub.ledger.models import Entry, KioskTransaction

LOCAL = ZoneInfo("Europe/Copenhagen")
CHUNK = 2000  # rows per fetch from the server-side cursor


class ExportInputError(ValueError):
    """Bad input for an export (an unknown club, a period backwards): exit 2, nothing written."""


def clubs_for(club_ids: list[str] | None) -> list[Club]:
    """The clubs named (each must exist), or every club; sorted by id."""
    if not club_ids:
        return list(Club.objects.order_by("club_id"))
    found = {c.club_id: c for c in Club.objects.filter(club_id__in=club_ids)}
    for cid in club_ids:
        if cid not in found:
            raise ExportInputError(f"no club {cid!r}")
    return sorted(found.values(), key=lambda c: c.club_id)


def days(first: date, last: date) -> Iterator[date]:
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def month_range(month: str) -> tuple[date, date]:
    """``YYYY-MM`` → its first and last day."""
    try:
        first = datetime.strptime(month, "%Y-%m").date()
    except ValueError as exc:
        raise ExportInputError(f"--month must be YYYY-MM, not {month!r}") from exc
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, nxt - timedelta(days=1)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants a Copenhagen calendar day starts and ends (the office's entries are dated so)."""
    start = datetime.combine(day, time(0), LOCAL)
    end = datetime.combine(day + timedelta(days=1), time(0), LOCAL)
    return start, end


@dataclass(frozen=True)
class OpenDay:
    club_id: str
    kiosk_id: str
    business_date: date

    def text(self) -> str:
        day = self.business_date.isoformat()
        return f"club {self.club_id} kiosk {self.kiosk_id} business day {day} has no Z report"


def open_days(clubs: Iterable[Club], first: date, last: date) -> list[OpenDay]:
    """Days a kiosk sold (or did anything) on in the period without a Z report for that day."""
    clubs = list(clubs)
    done = set(DayClosing.objects.filter(kiosk__club__in=clubs, business_date__gte=first, business_date__lte=last)
               .values_list("kiosk__kiosk_id", "business_date"))  # fmt: skip
    used = (KioskTransaction.objects.filter(kiosk__club__in=clubs, business_date__gte=first, business_date__lte=last)
            .values_list("kiosk__club__club_id", "kiosk__kiosk_id", "business_date").distinct())  # fmt: skip
    return sorted((OpenDay(c, k, d) for c, k, d in used if (k, d) not in done),
                  key=lambda o: (o.business_date, o.club_id, o.kiosk_id))  # fmt: skip


@dataclass(frozen=True)
class Booked:
    """An accepted (booked) kiosk transaction, with what the exports need of its content."""

    club_id: str
    kiosk_id: str
    seq: int
    txn_id: str
    kind: str
    child_id: str
    business_date: date
    refers_to: str | None
    item: dict[str, Any]  # the contract's item as the kiosk sent it

    @property
    def gross_ore(self) -> int:
        return int(self.item["gross_ore"])

    @property
    def subsidy_ore(self) -> int:
        return int(self.item["subsidy_ore"])

    @property
    def net_ore(self) -> int:
        return int(self.item["net_ore"])

    @property
    def pct(self) -> int:
        return int(self.item["friplads_pct"])


def booked(clubs: Iterable[Club], first: date, last: date) -> Iterator[Booked]:
    """Accepted transactions of the clubs' kiosks by business date in first..last, ordered by
    (business date, club, kiosk, seq). Streamed."""
    rows = (KioskTransaction.objects
            .filter(kiosk__club__in=list(clubs), status="accepted", business_date__gte=first, business_date__lte=last)
            .order_by("business_date", "kiosk__club__club_id", "kiosk__kiosk_id", "seq")
            .values_list("kiosk__club__club_id", "kiosk__kiosk_id", "seq", "txn_id", "kind", "child_id",
                         "business_date", "refers_to", "content"))  # fmt: skip
    for club_id, kiosk_id, seq, txn_id, kind, child_id, bdate, refers_to, content in rows.iterator(chunk_size=CHUNK):
        yield Booked(club_id, kiosk_id, seq, txn_id, kind, child_id, bdate, refers_to, json.loads(content))


def product_names(clubs: Iterable[Club]) -> dict[tuple[str, str], str]:
    """(club_id, product_id) -> the product's name (a removed product's too: it was sold under it)."""
    rows = Product.objects.filter(club__in=list(clubs)).values_list("club__club_id", "product_id", "name")
    return {(club_id, pid): name for club_id, pid, name in rows}


@dataclass(frozen=True)
class OfficeEntry:
    """A balance change made outside the kiosks: an opening balance, an office top-up or adjustment."""

    entry_id: int
    club_id: str
    child_id: str
    payment_mode: str
    kind: str
    method: str | None
    amount_ore: int
    day: date


def office_entries(clubs: Iterable[Club], day: date) -> Iterator[OfficeEntry]:
    """Entries that are not kiosk transactions, made on ``day`` (Copenhagen), ordered by club, id."""
    start, end = local_day_bounds(day)
    rows = (Entry.objects.filter(child__club__in=list(clubs), created_at__gte=start, created_at__lt=end)
            .exclude(kind="kiosk").order_by("child__club__club_id", "id")
            .values_list("id", "child__club__club_id", "child__child_id", "child__payment_mode", "kind", "method",
                         "amount_ore"))  # fmt: skip
    for pk, club_id, child_id, mode, kind, method, amount in rows.iterator(chunk_size=CHUNK):
        yield OfficeEntry(pk, club_id, child_id, mode, kind, method, amount, day)


def office_entries_between(clubs: Iterable[Club], first: date, last: date,
                           prepaid_only: bool = False) -> Iterator[OfficeEntry]:  # fmt: skip
    """Entries that are not kiosk transactions made on first..last (Copenhagen), each with its day."""
    start, _ = local_day_bounds(first)
    _, end = local_day_bounds(last)
    qs = (Entry.objects.filter(child__club__in=list(clubs), created_at__gte=start, created_at__lt=end)
          .exclude(kind="kiosk"))  # fmt: skip
    if prepaid_only:
        qs = qs.filter(child__payment_mode="prepaid")
    rows = qs.order_by("created_at", "id").values_list("id", "child__club__club_id", "child__child_id",
                                                       "child__payment_mode", "kind", "method", "amount_ore",
                                                       "created_at")  # fmt: skip
    for pk, club_id, child_id, mode, kind, method, amount, created in rows.iterator(chunk_size=CHUNK):
        yield OfficeEntry(pk, club_id, child_id, mode, kind, method, amount, created.astimezone(LOCAL).date())


def closings(clubs: Iterable[Club], first: date, last: date) -> Iterator[tuple[str, str, DayClosing]]:
    """(club id, kiosk id, Z report) of the period by business date, ordered by date, club, kiosk, z."""
    rows = (DayClosing.objects.filter(kiosk__club__in=list(clubs), business_date__gte=first, business_date__lte=last)
            .select_related("kiosk", "kiosk__club")
            .order_by("business_date", "kiosk__club__club_id", "kiosk__kiosk_id", "z_number"))  # fmt: skip
    for z in rows.iterator(chunk_size=CHUNK):
        yield z.kiosk.club.club_id, z.kiosk.kiosk_id, z


def payment_modes(clubs: Iterable[Club]) -> dict[tuple[str, str], str]:
    """(club id, child id) → payment mode now (the hub keeps no history of it)."""
    return {(c, k): m for c, k, m in Child.objects.filter(club__in=list(clubs))
            .values_list("club__club_id", "child_id", "payment_mode")}  # fmt: skip


def children(clubs: Iterable[Club]) -> dict[tuple[str, str], tuple[str, str, bool]]:
    """(club id, child id) → (display name, payment mode, deleted)."""
    return {(c, k): (n, m, d) for c, k, n, m, d in Child.objects.filter(club__in=list(clubs))
            .values_list("club__club_id", "child_id", "display_name", "payment_mode", "deleted")}  # fmt: skip
