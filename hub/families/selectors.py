"""The families' reads: a parent's children (and only theirs), a child's purchases with what friplads
saved, the kiosks' last sync, a month's statement."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.clubs.models import Card, Child, Kiosk, Product
from hub.families.models import Parent, ParentChild, Payment
from hub.ledger.models import Balance, Entry, KioskTransaction

PURCHASE_DAYS = 60


def children_of(parent: Parent) -> list[tuple[ParentChild, int]]:
    links = list(ParentChild.objects.filter(parent=parent, child__deleted=False).select_related("child", "child__club")
                 .order_by("child__display_name", "pk"))  # fmt: skip
    balances = dict(Balance.objects.filter(child__in=[lk.child for lk in links]).values_list("child_id", "balance_ore"))
    return [(lk, int(balances.get(lk.child_id, 0))) for lk in links]


def link_for(parent: Parent, child_pk: int) -> ParentChild | None:
    """The parent's link to the child, or None (another family's child looks like no child at all)."""
    return (ParentChild.objects.filter(parent=parent, child_id=child_pk, child__deleted=False)
            .select_related("child", "child__club").first())  # fmt: skip


def balance(child: Child) -> int:
    return int(Balance.objects.get(child=child).balance_ore)


def cards_of(child: Child) -> list[Card]:
    return list(Card.objects.filter(club=child.club_id, child_id=child.child_id, deleted=False).order_by("card_uid"))


def last_sync(child: Child) -> datetime | None:
    """When a kiosk of the child's club last called the hub (the limits reach it at its next sync)."""
    found: datetime | None = Kiosk.objects.filter(club=child.club_id).aggregate(m=Max("last_seen_at"))["m"]
    return found


@dataclass
class Line:
    name: str
    qty: int
    net_ore: int


@dataclass
class Purchase:
    occurred_at: datetime  # Europe/Copenhagen
    kiosk_id: str
    kind: str  # sale | refund | void
    lines: list[Line]
    gross_ore: int
    subsidy_ore: int  # for a refund or void: the subsidy given back (shown negative in the month's sum)
    net_ore: int


def _names(child: Child) -> dict[str, str]:
    return dict(Product.objects.filter(club=child.club_id).values_list("product_id", "name"))


def _purchase(item: dict[str, Any], kiosk_id: str, names: dict[str, str]) -> Purchase:
    when = timezone.localtime(datetime.fromisoformat(item["occurred_at"]))
    lines = [Line(names.get(ln["product_id"], ln["product_id"]), int(ln["qty"]), int(ln["net_ore"]))
             for ln in item["lines"]]  # fmt: skip
    return Purchase(when, kiosk_id, item["kind"], lines, int(item["gross_ore"]), int(item["subsidy_ore"]),
                    int(item["net_ore"]))  # fmt: skip


def purchases(child: Child, days: int = PURCHASE_DAYS) -> list[Purchase]:
    """The child's sales, refunds and voids that the hub booked, of the last ``days`` days (by when the
    kiosk made them), newest first."""
    since = timezone.now() - timedelta(days=days)
    qs = (KioskTransaction.objects.filter(kiosk__club=child.club_id, child_id=child.child_id, status="accepted",
                                          kind__in=("sale", "refund", "void"), decided_at__gte=since)
          .select_related("kiosk").order_by("-seq"))  # fmt: skip
    names = _names(child)
    out = [_purchase(json.loads(t.content), t.kiosk.kiosk_id, names) for t in qs.iterator()]
    out = [p for p in out if p.occurred_at >= since]
    out.sort(key=lambda p: p.occurred_at, reverse=True)
    return out


@dataclass
class Movement:
    """One line of the child's page's "Bevægelser": a kiosk purchase (``purchase``) or money in or out
    that is not a purchase: a top-up (office, online, cash at a kiosk), an adjustment with its reason,
    the imported opening balance."""

    at: datetime  # Europe/Copenhagen
    kind: str  # purchase | topup | adjustment | opening
    text: str
    amount_ore: int  # the balance's change (a purchase's: its net, negative for a sale)
    purchase: Purchase | None = None


MOVEMENT_TOPUP = {"cash": _("Indbetaling på klubbens kontor (kontant)"),
                  "bank": _("Indbetaling på klubbens konto (bank)"),
                  "online": _("Indbetaling på nettet")}  # fmt: skip


def movements(child: Child, items: list[Purchase], days: int = PURCHASE_DAYS) -> list[Movement]:
    """The child's purchases (``items``, from ``purchases``) and the other entries of its ledger of the
    last ``days`` days, newest first: only this child's (its own ``Entry`` rows)."""
    since = timezone.now() - timedelta(days=days)
    out = [Movement(p.occurred_at, "purchase", p.kiosk_id, -p.net_ore if p.kind == "sale" else p.net_ore, p)
           for p in items]  # fmt: skip
    qs = Entry.objects.filter(child=child, created_at__gte=since).exclude(
        kiosk_txn__kind__in=("sale", "refund", "void")).select_related("kiosk_txn", "kiosk_txn__kiosk")
    for e in qs:
        when = timezone.localtime(e.created_at)
        if e.kind == "kiosk" and e.kiosk_txn is not None:  # cash paid in, or an adjustment, at a kiosk
            item = json.loads(e.kiosk_txn.content)
            when = timezone.localtime(datetime.fromisoformat(item["occurred_at"]))
            if e.kiosk_txn.kind == "topup_cash":
                out.append(Movement(when, "topup", _("Indbetaling i kiosken %(kiosk)s (kontant)")
                                    % {"kiosk": e.kiosk_txn.kiosk.kiosk_id}, e.amount_ore))  # fmt: skip
            else:
                out.append(Movement(when, "adjustment", str(item.get("note") or _("Regulering i kiosken")),
                                    e.amount_ore))  # fmt: skip
        elif e.kind == "topup":
            out.append(Movement(when, "topup", str(MOVEMENT_TOPUP.get(e.method or "", _("Indbetaling"))),
                                e.amount_ore))  # fmt: skip
        elif e.kind == "adjustment":
            out.append(Movement(when, "adjustment", e.note or "", e.amount_ore))
        else:
            out.append(Movement(when, "opening", _("Startsaldo"), e.amount_ore))
    out.sort(key=lambda m: m.at, reverse=True)
    return out


def subsidy_by_month(items: list[Purchase]) -> list[tuple[date, int]]:
    """What friplads saved per month (a refund or void gives its subsidy back), newest month first;
    months where it saved nothing are left out."""
    months: OrderedDict[date, int] = OrderedDict()
    for p in sorted(items, key=lambda p: p.occurred_at, reverse=True):
        key = p.occurred_at.date().replace(day=1)
        months[key] = months.get(key, 0) + (p.subsidy_ore if p.kind == "sale" else -p.subsidy_ore)
    return [(m, s) for m, s in months.items() if s]


def payments(child: Child, parent: Parent) -> list[Payment]:
    return list(Payment.objects.filter(child=child, parent=parent).order_by("-created_at")[:10])


# --- a month's statement -----------------------------------------------------------------------

@dataclass
class StatementRow:
    at: datetime
    text: str
    subsidy_ore: int
    amount_ore: int
    balance_ore: int = 0


@dataclass
class Statement:
    """A month of a child's ledger: ``opening_ore`` + ``paid_in_ore`` - ``spent_ore`` + ``adjusted_ore``
    = ``closing_ore``, and each row's ``balance_ore`` runs from ``opening_ore`` to ``closing_ore``."""

    month: date
    opening_ore: int
    closing_ore: int
    rows: list[StatementRow] = field(default_factory=list)
    subsidy_ore: int = 0
    spent_ore: int = 0  # the kiosk's sales less its refunds and voids
    paid_in_ore: int = 0  # top-ups: the office's, online, and cash at a kiosk
    adjusted_ore: int = 0  # the office's (and a kiosk's) adjustments, either sign


ENTRY_TEXT = {"opening": "Startsaldo", "adjustment": "Regulering"}
TOPUP_TEXT = {"cash": "Indbetaling (kontant)", "bank": "Indbetaling (bank)", "online": "Indbetaling (online)"}


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min))
    nxt = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(datetime.combine(nxt, time.min))


def _starts_month(start: datetime, end: datetime) -> Q:
    """The entries that make up a month's opening balance: every entry before the month, and the
    imported opening balance (``opening``) when it was booked in the month: it is the balance the child
    had before the hub, so it belongs before the month's first entry, not among its movements."""
    return Q(created_at__lt=start) | Q(kind="opening", created_at__lt=end)


def statement(child: Child, month: date) -> Statement:
    """Every entry of the child's ledger booked in the month (Europe/Copenhagen), the balance before
    and after, and what friplads saved; a kiosk's entry names its products."""
    start, end = _month_bounds(month)
    before = Entry.objects.filter(_starts_month(start, end), child=child).aggregate(s=Sum("amount_ore"))["s"] or 0
    st = Statement(month.replace(day=1), int(before), int(before))
    names = _names(child)
    running = int(before)
    qs = (Entry.objects.filter(child=child, created_at__gte=start, created_at__lt=end).exclude(kind="opening")
          .select_related("kiosk_txn", "kiosk_txn__kiosk").order_by("created_at", "pk"))  # fmt: skip
    for e in qs:
        subsidy = 0
        when = timezone.localtime(e.created_at)
        group = {"topup": "paid_in", "adjustment": "adjusted"}.get(e.kind, "spent")
        if e.kind == "kiosk" and e.kiosk_txn is not None:
            item = json.loads(e.kiosk_txn.content)
            p = _purchase(item, e.kiosk_txn.kiosk.kiosk_id, names)
            when = p.occurred_at
            products = ", ".join(f"{ln.qty} x {ln.name}" for ln in p.lines)
            label = {"sale": "Køb", "refund": "Retur", "void": "Annulleret", "topup_cash": "Kontant ind",
                     "adjustment": "Regulering"}.get(p.kind, p.kind)  # fmt: skip
            text = f"{label} · {p.kiosk_id}" + (f": {products}" if products else "")
            if p.kind in ("sale", "refund", "void"):
                subsidy = p.subsidy_ore if p.kind == "sale" else -p.subsidy_ore
            group = {"topup_cash": "paid_in", "adjustment": "adjusted"}.get(p.kind, "spent")
        elif e.kind == "topup":
            text = TOPUP_TEXT.get(e.method or "", "Indbetaling")
        else:
            text = ENTRY_TEXT.get(e.kind, e.kind)
            if e.kind == "adjustment" and e.note:
                text += f": {e.note}"
        running += e.amount_ore
        st.rows.append(StatementRow(when, text, subsidy, e.amount_ore, running))
        st.subsidy_ore += subsidy
        if group == "paid_in":
            st.paid_in_ore += e.amount_ore
        elif group == "adjusted":
            st.adjusted_ore += e.amount_ore
        else:
            st.spent_ore -= e.amount_ore
    st.closing_ore = running
    return st


def first_entry_month(child: Child) -> date | None:
    """The month (Europe/Copenhagen) of the child's first ledger entry: statements start there."""
    first: datetime | None = Entry.objects.filter(child=child).aggregate(m=Min("created_at"))["m"]
    return None if first is None else timezone.localtime(first).date().replace(day=1)


def tap_card(card_pk: int) -> Card | None:
    """A card a phone's tap opened (active, not deleted), for the read-only card page."""
    return Card.objects.filter(pk=card_pk, deleted=False, status="active").select_related("club").first()


def tap_child(card: Card) -> Child | None:
    if card.child_id is None:
        return None
    return Child.objects.filter(club=card.club_id, child_id=card.child_id, deleted=False).first()
