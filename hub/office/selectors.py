"""The back office's reads: the dashboard, children, a child's ledger, cards, products, the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from hub.clubs.models import Card, Child, Club, FripladsPeriod, Kiosk, Product, ProductImage
from hub.ledger.models import Balance, Entry, KioskTransaction
from hub.office.models import AuditEntry, CsvUpload

LOW_BALANCE_ORE = 2000  # a prepaid child below 20,00 kr shows on the dashboard
SILENT_AFTER = timedelta(days=1)  # a kiosk not heard from for longer stands out


@dataclass
class KioskRow:
    kiosk_id: str
    last_seen_at: datetime | None
    applied_seq: int
    silent: bool


@dataclass
class Dashboard:
    today: date
    sales_count: int
    sales_net_ore: int
    returns_net_ore: int
    kiosk_topups_ore: int
    office_topups_ore: int  # cash or bank, paid at the office
    online_topups_ore: int  # a parent's online payment (method "online", hub.families)
    kiosks: list[KioskRow]
    rejected: list[KioskTransaction]
    rejected_count: int
    low: list[tuple[Child, int]]


def child_names(club: Club, child_ids: Any) -> dict[str, str]:
    """The names of the club's children with these ids (a rejected transaction's child may be unknown)."""
    return dict(Child.objects.filter(club=club, child_id__in=set(child_ids)).values_list("child_id", "display_name"))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def dashboard(club: Club) -> Dashboard:
    """Today is Europe/Copenhagen's. Sales and kiosk top-ups by their business date, among what was
    decided since midnight (what a kiosk sold today cannot have been decided before)."""
    today = timezone.localdate()
    start = _start_of(today)
    now = timezone.now()
    sales = returns = kiosk_topups = 0
    count = 0
    decided = KioskTransaction.objects.filter(kiosk__club=club, status="accepted", decided_at__gte=start,
                                              kind__in=("sale", "refund", "void", "topup_cash"))  # fmt: skip
    for content in decided.values_list("content", flat=True).iterator():
        item: dict[str, Any] = json.loads(content)
        if item["business_date"] != today.isoformat():
            continue
        if item["kind"] == "sale":
            count += 1
            sales += item["net_ore"]
        elif item["kind"] == "topup_cash":
            kiosk_topups += item["net_ore"]
        else:
            returns += item["net_ore"]
    topups = Entry.objects.filter(child__club=club, kind="topup", created_at__gte=start)
    office = topups.filter(method__in=("cash", "bank")).aggregate(s=Sum("amount_ore"))
    online = topups.filter(method="online").aggregate(s=Sum("amount_ore"))
    kiosks = [KioskRow(k.kiosk_id, k.last_seen_at, k.applied_seq,
                       k.last_seen_at is None or now - k.last_seen_at > SILENT_AFTER)
              for k in Kiosk.objects.filter(club=club).order_by("kiosk_id")]  # fmt: skip
    # waiting for someone: rejected and not yet resolved (hub.kiosks.models.Resolution)
    rejected_qs = KioskTransaction.objects.filter(kiosk__club=club, status="rejected",
                                                  resolution__isnull=True).select_related("kiosk")  # fmt: skip
    low = [(b.child, b.balance_ore) for b in
           Balance.objects.filter(child__club=club, child__deleted=False, child__payment_mode="prepaid",
                                  balance_ore__lt=LOW_BALANCE_ORE)
           .select_related("child").order_by("balance_ore", "child__child_id")[:50]]  # fmt: skip
    rejected = list(rejected_qs.order_by("-decided_at")[:20])
    names = child_names(club, (t.child_id for t in rejected))
    for t in rejected:
        t.child_name = names.get(t.child_id or "")  # type: ignore[attr-defined]  # shown beside the id
    return Dashboard(today=today, sales_count=count, sales_net_ore=sales, returns_net_ore=returns,
                     kiosk_topups_ore=kiosk_topups, office_topups_ore=int(office["s"] or 0),
                     online_topups_ore=int(online["s"] or 0), kiosks=kiosks,
                     rejected=rejected, rejected_count=rejected_qs.count(),
                     low=low)  # fmt: skip


def children(club: Club, query: str) -> list[tuple[Child, int]]:
    """Children whose name or id contains ``query`` (all when empty), with their balances; at most 200."""
    qs: QuerySet[Child] = Child.objects.filter(club=club, deleted=False)
    if query.strip():
        qs = qs.filter(Q(display_name__icontains=query.strip()) | Q(child_id__icontains=query.strip()))
    found = list(qs.order_by("display_name", "child_id")[:200])
    balances = dict(Balance.objects.filter(child__in=found).values_list("child_id", "balance_ore"))
    return [(c, int(balances.get(c.pk, 0))) for c in found]


def child(club: Club, child_id: str) -> Child | None:
    return Child.objects.filter(club=club, child_id=child_id, deleted=False).first()


def balance(child: Child) -> int:
    return int(Balance.objects.get(child=child).balance_ore)


def cards_of(child: Child) -> list[Card]:
    return list(Card.objects.filter(club_id=child.club_id, child_id=child.child_id, deleted=False)
                .order_by("status", "card_uid"))  # fmt: skip


def card(club: Club, card_uid: str) -> Card | None:
    return Card.objects.filter(club=club, card_uid=card_uid, deleted=False).first()


def friplads_periods(child: Child) -> list[FripladsPeriod]:
    return list(FripladsPeriod.objects.filter(child=child).order_by("-valid_from", "-id"))


@dataclass
class LedgerRow:
    entry: Entry
    running_ore: int
    kiosk_id: str | None
    seq: int | None


def ledger(child: Child) -> list[LedgerRow]:
    """Every entry of the child, newest first, with the balance after it."""
    rows: list[LedgerRow] = []
    running = 0
    for e in Entry.objects.filter(child=child).select_related("kiosk_txn", "kiosk_txn__kiosk").order_by("id"):
        running += e.amount_ore
        txn = e.kiosk_txn
        rows.append(LedgerRow(e, running, txn.kiosk.kiosk_id if txn else None, txn.seq if txn else None))
    rows.reverse()
    return rows


def audit(club: Club, limit: int = 500) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(club=club).order_by("-at", "-id")[:limit])


def csv_upload(club: Club, user_pk: int, token: str) -> CsvUpload | None:
    """The CSV file this user uploaded for this club under ``token`` (the id in their session)."""
    if not token:
        return None
    return CsvUpload.objects.filter(token=token, club=club, user_id=user_pk,
                                    created_at__gte=timezone.now() - timedelta(days=1)).first()  # fmt: skip


# --- products ------------------------------------------------------------------------------------

PRODUCT_STATUSES = ("all", "active", "inactive")


def products(club: Club, query: str = "", category: str = "", status: str = "all") -> list[Product]:
    """The club's products (removed ones left out) whose name, id or barcode contains ``query``, of
    ``category`` (all when empty), active, inactive or all; by category, then name. At most 500."""
    qs: QuerySet[Product] = Product.objects.filter(club=club, deleted=False)
    q = query.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(product_id__icontains=q) | Q(barcode__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if status == "active":
        qs = qs.filter(active=True)
    elif status == "inactive":
        qs = qs.filter(active=False)
    return list(qs.order_by("category", "name", "product_id")[:500])


def product_categories(club: Club) -> list[str]:
    """The categories the club's products use."""
    return sorted(set(Product.objects.filter(club=club, deleted=False).values_list("category", flat=True)))


def product_tags(club: Club) -> list[str]:
    """The tags the club's products carry (a child's restrictions are chosen from these)."""
    tags: set[str] = set()
    for product_tags_ in Product.objects.filter(club=club, deleted=False).values_list("tags", flat=True):
        tags.update(product_tags_ or [])
    return sorted(tags)


def product(club: Club, product_id: str) -> Product | None:
    return Product.objects.filter(club=club, product_id=product_id, deleted=False).first()


def product_image(club: Club, sha256: str) -> ProductImage | None:
    return ProductImage.objects.filter(club=club, sha256=sha256).first()
