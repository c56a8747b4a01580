"""The back office's reads about kiosks: sync health, rejected transactions, and day closings (Z
reports) reconciled against the transactions the hub holds for each Z's seq range."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.api.models import DayClosing
from hub.clubs.models import Club, Kiosk
from hub.ledger.models import KioskTransaction
from hub.office.selectors import SILENT_AFTER, child_names
from pos_app.domain.money import format_ore

GENESIS = "0" * 64
KINDS = ("sale", "refund", "void", "topup_cash", "adjustment")
CLOSINGS_SHOWN = 100  # the newest Z reports of the club (or of one kiosk) on the page


def _kr(ore: int) -> str:
    return format_ore(ore).replace(" kr", "\u00a0kr")


@dataclass
class KioskHealth:
    kiosk: Kiosk
    last_seen_at: datetime | None
    silent: bool  # not heard from for more than a day (or never)
    silent_words: str
    waiting: int  # rejected transactions nobody has resolved yet
    last_closing: DayClosing | None


def kiosks(club: Club) -> list[KioskHealth]:
    now = timezone.now()
    waiting = dict(KioskTransaction.objects.filter(kiosk__club=club, status="rejected", resolution__isnull=True)
                   .values_list("kiosk_id").annotate(n=Count("id")).values_list("kiosk_id", "n"))  # fmt: skip
    last_z = dict(DayClosing.objects.filter(kiosk__club=club).values_list("kiosk_id")
                  .annotate(m=Max("id")).values_list("kiosk_id", "m"))  # fmt: skip
    closings = DayClosing.objects.in_bulk(list(last_z.values()))
    rows = []
    for k in Kiosk.objects.filter(club=club).order_by("kiosk_id"):
        seen = k.last_seen_at
        if seen is None:
            silent, words = True, _("Har aldrig kontaktet hubben.")
        elif now - seen > SILENT_AFTER:
            days = (now - seen).days
            silent = True
            words = _("Ikke hørt fra i %(n)s døgn.") % {"n": days} if days > 1 else _("Ikke hørt fra i over et døgn.")
        else:
            silent, words = False, ""
        rows.append(KioskHealth(k, seen, silent, words, int(waiting.get(k.pk, 0)), closings.get(last_z.get(k.pk, 0))))
    return rows


def kiosk(club: Club, kiosk_id: str) -> Kiosk | None:
    return Kiosk.objects.filter(club=club, kiosk_id=kiosk_id).first()


@dataclass
class Rejection:
    txn: KioskTransaction
    code: str  # the contract 1.1 reason code (unknown_child, pricing, ...)
    detail: str  # the free text after the code
    occurred_at: datetime | None  # the kiosk's own time of the transaction
    net_ore: int
    resolution: Any  # hub.kiosks.models.Resolution | None
    child_name: str | None = None  # None: no such child in the club


def _split_reason(reason: str) -> tuple[str, str]:
    code, sep, detail = reason.partition(": ")
    return (code, detail) if sep else (reason, "")


def rejections(club: Club, show: str = "open", limit: int = 500, txn_pk: int | None = None) -> list[Rejection]:
    """The club's rejected transactions: ``open`` (waiting for someone), ``resolved`` or ``all``; newest first."""
    qs = KioskTransaction.objects.filter(kiosk__club=club, status="rejected").select_related("kiosk", "resolution",
                                                                                              "resolution__entry")
    if txn_pk is not None:
        qs = qs.filter(pk=txn_pk)
    if show == "open":
        qs = qs.filter(resolution__isnull=True)
    elif show == "resolved":
        qs = qs.filter(resolution__isnull=False)
    rows = []
    for t in qs.order_by("-decided_at", "-id")[:limit]:
        item: dict[str, Any] = json.loads(t.content)
        code, detail = _split_reason(t.reason or "")
        resolution = getattr(t, "resolution", None)
        try:
            at: datetime | None = datetime.fromisoformat(str(item.get("occurred_at")))
        except ValueError:
            at = None
        rows.append(Rejection(t, code, detail, at, int(item.get("net_ore", 0)), resolution))
    names = child_names(club, (r.txn.child_id for r in rows))
    for r in rows:
        r.child_name = names.get(r.txn.child_id or "")
    return rows


def rejection(club: Club, txn_pk: int) -> Rejection | None:
    found = rejections(club, "all", limit=1, txn_pk=txn_pk)
    return found[0] if found else None


def waiting_count(club: Club) -> int:
    return KioskTransaction.objects.filter(kiosk__club=club, status="rejected", resolution__isnull=True).count()


# --- day closings ------------------------------------------------------------------------------

@dataclass
class Line:
    """One figure of a Z against the hub: what the Z says, what the hub received for the range (every
    transaction the kiosk uploaded, accepted or rejected), and what it booked (the accepted ones)."""

    label: str
    z: int
    received: int
    booked: int
    money: bool
    words: str = ""

    @property
    def differs(self) -> bool:
        return self.z != self.booked

    def show(self, value: int) -> str:
        return _kr(value) if self.money else str(value)

    @property
    def z_text(self) -> str:
        return self.show(self.z)

    @property
    def booked_text(self) -> str:
        return self.show(self.booked)

    @property
    def difference(self) -> str:
        d = self.z - self.booked
        return (_kr(d) if self.money else f"{d:+d}") if d else ""


@dataclass
class Reconciliation:
    closing: DayClosing
    z: dict[str, Any]
    kiosk_id: str
    pending: str = ""  # the Z's range is not fully uploaded yet: no figures are compared
    lines: list[Line] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # every difference, in words
    cash_words: str = ""

    @property
    def ok(self) -> bool:
        return not self.pending and not self.problems


def _sums(items: list[dict[str, Any]]) -> dict[str, int]:
    s = {f"count_{k}": sum(1 for i in items if i["kind"] == k) for k in KINDS}
    s.update({
        "sales_gross_ore": sum(i["gross_ore"] for i in items if i["kind"] == "sale"),
        "sales_subsidy_ore": sum(i["subsidy_ore"] for i in items if i["kind"] == "sale"),
        "sales_net_ore": sum(i["net_ore"] for i in items if i["kind"] == "sale"),
        "returns_net_ore": sum(i["net_ore"] for i in items if i["kind"] in ("refund", "void")),
        "topup_cash_ore": sum(i["net_ore"] for i in items if i["kind"] == "topup_cash"),
        "adjustments_ore": sum(i["balance_delta_ore"] for i in items if i["kind"] == "adjustment"),
    })
    return s


def _labels() -> list[tuple[str, str, bool]]:
    return [
        ("count_sale", _("Antal salg"), False), ("count_refund", _("Antal returneringer"), False),
        ("count_void", _("Antal annulleringer"), False), ("count_topup_cash", _("Antal kontante optankninger"), False),
        ("count_adjustment", _("Antal reguleringer"), False),
        ("sales_gross_ore", _("Salg før friplads"), True), ("sales_subsidy_ore", _("Friplads-tilskud"), True),
        ("sales_net_ore", _("Salg (netto)"), True), ("returns_net_ore", _("Retur og annulleret (netto)"), True),
        ("topup_cash_ore", _("Kontante optankninger"), True), ("adjustments_ore", _("Reguleringer"), True),
    ]  # fmt: skip


def reconcile(closing: DayClosing, applied_seq: int) -> Reconciliation:
    """A Z report against the transactions the hub holds for its seq range ``first_seq..last_seq``.
    Each figure's difference is ``Z - booked``; the words say whether rejected transactions explain it
    (the Z equals what the kiosk uploaded) or the Z disagrees with the uploaded transactions themselves."""
    z: dict[str, Any] = json.loads(closing.content)
    rec = Reconciliation(closing, z, closing.kiosk.kiosk_id)
    first, last = z["first_seq"], z["last_seq"]
    if (first == 0) != (last == 0) or first > last:
        rec.problems.append(_("Z'ens nummerinterval %(a)s-%(b)s er ikke et interval.") % {"a": first, "b": last})
        return rec
    if last > applied_seq:
        rec.pending = _("Kiosken har ikke sendt alle transaktioner i nr. %(a)s-%(b)s endnu (hubben har afgjort til "
                        "nr. %(n)s). Afstemningen venter til de er sendt.") % {"a": first, "b": last, "n": applied_seq}
        return rec
    rows = list(KioskTransaction.objects.filter(kiosk_id=closing.kiosk_id, seq__gte=first, seq__lte=last)
                .order_by("seq")) if last else []  # fmt: skip
    received = _sums([json.loads(r.content) for r in rows])
    booked = _sums([json.loads(r.content) for r in rows if r.status == "accepted"])
    rejected = sum(1 for r in rows if r.status == "rejected")
    zfig = {**{f"count_{k}": z["counts"][k] for k in KINDS},
            **{k: z[k] for k in received if not k.startswith("count_")}}
    for key, label, money in _labels():
        line = Line(label, zfig[key], received[key], booked[key], money)
        if line.differs:
            if line.z == line.received:
                line.words = _("%(label)s: Z'en siger %(z)s, hubben har bogført %(b)s. Forskellen er afviste "
                               "transaktioner, som kiosken talte med, men hubben ikke bogførte.") % {
                    "label": label, "z": line.show(line.z), "b": line.show(line.booked)}
            else:
                line.words = _("%(label)s: Z'en siger %(z)s, men kiosken sendte transaktioner for %(r)s (hubben "
                               "bogførte %(b)s). Z'en stemmer ikke med kioskens egne transaktioner.") % {
                    "label": label, "z": line.show(line.z), "r": line.show(line.received), "b": line.show(line.booked)}
            rec.problems.append(line.words)
        rec.lines.append(line)
    if rejected:
        rec.problems.append(ngettext("%(n)s afvist transaktion i intervallet er ikke bogført (se Afviste).",
                                     "%(n)s afviste transaktioner i intervallet er ikke bogført (se Afviste).",
                                     rejected) % {"n": rejected})
    last_hash = rows[-1].hash if rows else GENESIS
    if z["last_hash"] != last_hash:
        rec.problems.append(_("Z'ens sidste hash er ikke hashen af nr. %(n)s, som hubben har den.") % {"n": last})
    if z["cash_expected_ore"] != z["opening_float_ore"] + z["topup_cash_ore"]:
        rec.problems.append(_("Z'ens forventede kasse er ikke byttepenge + kontante optankninger."))
    if z["cash_difference_ore"] != z["cash_counted_ore"] - z["cash_expected_ore"]:
        rec.problems.append(_("Z'ens kassedifference er ikke optalt - forventet."))
    diff = z["cash_difference_ore"]
    if diff < 0:
        rec.cash_words = _("Kassen manglede %(kr)s ved optællingen.") % {"kr": _kr(-diff)}
    elif diff > 0:
        rec.cash_words = _("Der var %(kr)s for meget i kassen ved optællingen.") % {"kr": _kr(diff)}
    return rec


def closings(club: Club, kiosk_id: str = "") -> list[Reconciliation]:
    """The newest Z reports of the club (or of one kiosk), each reconciled; newest first."""
    qs = DayClosing.objects.filter(kiosk__club=club).select_related("kiosk")
    if kiosk_id:
        qs = qs.filter(kiosk__kiosk_id=kiosk_id)
    return [reconcile(c, c.kiosk.applied_seq) for c in qs.order_by("-business_date", "-id")[:CLOSINGS_SHOWN]]
