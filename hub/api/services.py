"""The contract's writes: a batch of transactions, card changes, a day closing. Each is one
transaction that first locks the kiosk's row (``select_for_update``; on SQLite the transaction takes
the write lock when it begins), so a retry racing its original waits, then answers duplicates."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hub.api.models import CardChange, DayClosing
from hub.api.rules import Lookups, rejection
from hub.clubs.models import Card, CardStatusEvent, Child, Club, Kiosk, Product
from hub.clubs.services import lock_club, next_version, next_versions
from hub.ledger.models import KioskTransaction
from hub.ledger.services import post_kiosk_entries
from pos_app.domain.journal import GENESIS_HASH, canonical_json, chain_hash

Answer = tuple[int, dict[str, Any]]


def _lock_kiosk(kiosk_pk: int) -> Kiosk:
    return Kiosk.objects.select_for_update().get(pk=kiosk_pk)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _status_from_events(card: Card, events: list[CardStatusEvent], at: datetime) -> str:
    """Rule 8 from a card's events (in id order): the latest that took effect by ``at``, else the
    status it came with at its first import (in effect always), else the card's own."""
    timed = [e for e in events if e.effective_at is not None and e.effective_at <= at]
    if timed:
        return max(timed, key=lambda e: (e.effective_at, e.id)).status
    always = [e for e in events if e.effective_at is None]
    return always[0].status if always else card.status


def card_status_at(club: Club, card_uid: str, at: datetime) -> str | None:
    """The card's status in effect at ``at`` (rule 8)."""
    card = Card.objects.filter(club=club, card_uid=card_uid).first()
    if card is None:
        return None
    return _status_from_events(card, list(CardStatusEvent.objects.filter(card=card).order_by("id")), at)


class _Batch:
    """What the rules ask about a batch, read with a few queries for the whole batch (not a few per
    item), and what the batch has decided so far (stored together at its end). The lookups answer as if
    each decided item had been stored at once: a refund may name a sale earlier in the same batch."""

    def __init__(self, kiosk: Kiosk, club: Club, items: list[dict[str, Any]]) -> None:
        self.kiosk, self.club = kiosk, club
        child_ids = {i["child_id"] for i in items}
        self.children = {c.child_id: c for c in Child.objects.filter(club=club, child_id__in=child_ids)}
        product_ids = {line["product_id"] for i in items for line in i["lines"]}
        self.products = set(Product.objects.filter(club=club, product_id__in=product_ids)
                            .values_list("product_id", flat=True))  # fmt: skip
        uids = {i["card_uid"] for i in items if i["card_uid"] is not None}
        self.cards = {c.card_uid: c for c in Card.objects.filter(club=club, card_uid__in=uids)} if uids else {}
        self.events: dict[int, list[CardStatusEvent]] = {c.pk: [] for c in self.cards.values()}
        if self.cards:
            for event in CardStatusEvent.objects.filter(card_id__in=list(self.events)).order_by("id"):
                self.events[event.card_id].append(event)
        self.taken = set(KioskTransaction.objects.filter(txn_id__in=[i["txn_id"] for i in items])
                         .values_list("txn_id", flat=True))  # fmt: skip
        earlier = [i["seq"] for i in items if i["seq"] <= kiosk.applied_seq]
        self.by_seq = ({r.seq: r for r in KioskTransaction.objects.filter(kiosk=kiosk, seq__in=earlier)}
                       if earlier else {})  # fmt: skip
        self.decided: list[KioskTransaction] = []
        self.by_txn: dict[str, KioskTransaction] = {}

    def decide(self, txn: KioskTransaction) -> None:
        self.decided.append(txn)
        self.by_seq[txn.seq] = txn
        self.by_txn[txn.txn_id] = txn
        self.taken.add(txn.txn_id)

    def _accepted_sale(self, txn_id: str, child_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        sale = self.by_txn.get(txn_id)
        if sale is None:
            sale = KioskTransaction.objects.filter(kiosk=self.kiosk, txn_id=txn_id).first()
        if sale is None or (sale.child_id, sale.status, sale.kind) != (child_id, "accepted", "sale"):
            return None
        returns = [json.loads(r.content) for r in KioskTransaction.objects.filter(
            kiosk=self.kiosk, refers_to=txn_id, status="accepted", kind__in=("refund", "void")).order_by("seq")]
        returns += [json.loads(r.content) for r in self.decided
                    if r.refers_to == txn_id and r.status == "accepted" and r.kind in ("refund", "void")]
        return json.loads(sale.content), returns

    def _card_status_at(self, uid: str, at: str) -> str | None:
        card = self.cards.get(uid)
        return None if card is None else _status_from_events(card, self.events[card.pk], _when(at))

    def lookups(self) -> Lookups:
        return Lookups(child_known=lambda cid: cid in self.children, product_known=lambda pid: pid in self.products,
                       card_known=lambda uid: uid in self.cards, accepted_sale=self._accepted_sale,
                       card_status_at=self._card_status_at)  # fmt: skip


@transaction.atomic
def book_transactions(kiosk_pk: int, items: list[dict[str, Any]]) -> Answer:
    """Decide each seq once, in order (the contract's transactions endpoint, 1.1). The decisions are
    made item by item, then stored together: the transactions in one insert, their entries and the
    children's balances and versions in a few statements (all in this one database transaction)."""
    kiosk = _lock_kiosk(kiosk_pk)
    expected = kiosk.applied_seq + 1
    if items[0]["seq"] > expected:
        return 409, {"error": "seq_gap", "expected_seq": expected}
    club = lock_club(kiosk.club_id)  # lock order everywhere: kiosk, then club, then balances
    batch = _Batch(kiosk, club, items)
    look = batch.lookups()
    results: list[dict[str, Any]] = []
    answer: Answer | None = None
    for item in items:
        seq, txn_id = item["seq"], item["txn_id"]
        content = canonical_json(item)
        if seq <= kiosk.applied_seq:
            row = batch.by_seq.get(seq)
            if row is not None and row.txn_id == txn_id and row.content == content:
                dup: dict[str, Any] = {"txn_id": txn_id, "status": "duplicate", "decided": row.status}
                if row.reason:
                    dup["reason"] = row.reason
                results.append(dup)
                continue
            answer = 409, {"error": "txn_conflict", "txn_id": txn_id}
            break
        if txn_id in batch.taken:
            answer = 409, {"error": "txn_conflict", "txn_id": txn_id}
            break
        if seq != kiosk.applied_seq + 1:
            answer = 409, {"error": "seq_gap", "expected_seq": kiosk.applied_seq + 1}
            break
        expected_prev = kiosk.last_hash if kiosk.applied_seq else GENESIS_HASH
        if item["prev_hash"] != expected_prev or chain_hash(item) != item["hash"]:
            answer = 409, {"error": "chain_broken", "txn_id": txn_id}  # T and the rest are not stored
            break
        reason = rejection(item, look)
        status = "rejected" if reason else "accepted"
        batch.decide(KioskTransaction(
            kiosk=kiosk, seq=seq, txn_id=txn_id, kind=item["kind"], child_id=item["child_id"],
            refers_to=item["refers_to"], balance_delta_ore=item["balance_delta_ore"], prev_hash=item["prev_hash"],
            hash=item["hash"], content=content, status=status, reason=reason,
            business_date=item["business_date"]))  # fmt: skip
        kiosk.applied_seq, kiosk.last_hash = seq, item["hash"]
        res = {"txn_id": txn_id, "status": status}
        if reason:
            res["reason"] = reason
        results.append(res)
    _store(batch)
    kiosk.save(update_fields=["applied_seq", "last_hash"])
    if answer is not None:  # the items before were decided and stay decided
        return answer
    return 200, {"results": results, "kiosk_applied_seq": kiosk.applied_seq}


_TXN_FIELDS = ("kiosk", "seq", "txn_id", "kind", "child_id", "refers_to", "balance_delta_ore", "prev_hash", "hash",
               "content", "status", "reason", "decided_at", "business_date")  # fmt: skip


def _insert(txns: list[KioskTransaction]) -> list[KioskTransaction]:
    """The decided transactions in multi-row INSERTs that return their keys. Not ``bulk_create``: on
    PostgreSQL Django 5.2 sends its rows as arrays (``UNNEST``), and psycopg escapes every quote of
    the JSON ``content`` in Python when it builds an array: a third of a 500-item batch's time."""
    meta = KioskTransaction._meta
    fields = [meta.get_field(name) for name in _TXN_FIELDS]
    now = timezone.now()
    for t in txns:
        t.decided_at = now
    q = connection.ops.quote_name
    head = (f"INSERT INTO {q(meta.db_table)} ({', '.join(q(f.column) for f in fields)}) VALUES ")
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per = 500 if connection.vendor == "postgresql" else max(1, 900 // len(fields))  # SQLite: 999 parameters
    keys: dict[str, int] = {}
    with connection.cursor() as cur:
        for i in range(0, len(txns), per):
            chunk = txns[i:i + per]
            params = [f.get_db_prep_save(getattr(t, f.attname), connection) for t in chunk for f in fields]
            cur.execute(head + ", ".join([one] * len(chunk)) + f" RETURNING {q(meta.pk.column)}, {q('txn_id')}",
                        params)  # fmt: skip
            keys |= {txn_id: pk for pk, txn_id in cur.fetchall()}
    for t in txns:
        t.pk = keys[t.txn_id]
        t._state.adding = False
    return txns


def _store(batch: _Batch) -> None:
    """The batch's decisions: the transactions, an entry for each accepted one (with its child's
    balance), and a new version for each child named (its balance, or this kiosk's applied seq for it,
    changed: rule 5), so the next incremental snapshot carries them."""
    if not batch.decided:
        return
    txns = _insert(batch.decided)
    booked = [(batch.children[t.child_id], t) for t in txns if t.status == "accepted"]  # unknown children rejected
    post_kiosk_entries(booked, created_by=batch.kiosk.kiosk_id)
    named = sorted({batch.children[t.child_id] for t in txns if t.child_id in batch.children},
                   key=lambda c: c.child_id)  # fmt: skip
    for child, version in zip(named, next_versions(batch.club, len(named)), strict=True):
        child.version = version
    with connection.cursor() as cur:  # one statement, many rows (Django's bulk_update builds a CASE per row)
        cur.executemany(f"UPDATE {Child._meta.db_table} SET version = %s WHERE id = %s",
                        [(c.version, c.pk) for c in named])  # fmt: skip


@transaction.atomic
def record_card_changes(kiosk_pk: int, changes: list[dict[str, Any]]) -> Answer:
    """Idempotent by change_id; a change_id seen before with other content (or from another kiosk) is
    409 change_conflict, and then nothing of the request is stored. A change older than the card's
    current status is kept as history without changing the status (rule 12)."""
    kiosk = _lock_kiosk(kiosk_pk)
    club = lock_club(kiosk.club_id)
    seen = {c.change_id: c for c in CardChange.objects.filter(change_id__in=[ch["change_id"] for ch in changes])}
    for change in changes:
        old = seen.get(change["change_id"])
        if old is not None and (old.kiosk_id != kiosk.pk or old.content != canonical_json(change)):
            return 409, {"error": "change_conflict", "change_id": change["change_id"]}
    results: list[dict[str, Any]] = []
    for change in changes:
        cid = change["change_id"]
        if cid in seen:
            dup = {"change_id": cid, "status": "duplicate"}
            if seen[cid].reason:
                dup["reason"] = seen[cid].reason or ""
            results.append(dup)
            continue
        reason = None
        if change["child_id"] is not None and not Child.objects.filter(club=club, child_id=change["child_id"],
                                                                       deleted=False).exists():  # fmt: skip
            reason = f"unknown_child: {change['child_id']}"
        status = "rejected" if reason else "accepted"
        seen[cid] = CardChange.objects.create(change_id=cid, kiosk=kiosk, content=canonical_json(change),
                                              status=status, reason=reason)  # fmt: skip
        res = {"change_id": cid, "status": status}
        if reason:
            res["reason"] = reason
            results.append(res)
            continue
        results.append(res)
        at = _when(change["occurred_at"])
        card = Card.objects.filter(club=club, card_uid=change["card_uid"]).first()
        if card is None:
            card = Card.objects.create(club=club, card_uid=change["card_uid"], child_id=change["child_id"],
                                       status=change["status"], status_since=at,
                                       version=next_version(club))  # fmt: skip
            CardStatusEvent.objects.create(card=card, status=change["status"], child_id=change["child_id"],
                                           effective_at=at, source="kiosk")  # fmt: skip
            continue
        CardStatusEvent.objects.create(card=card, status=change["status"], child_id=change["child_id"],
                                       effective_at=at, source="kiosk")  # fmt: skip
        if card.status_since is None or at >= card.status_since or card.deleted:
            card.status, card.child_id, card.status_since = change["status"], change["child_id"], at
            card.deleted = False
            card.version = next_version(club)
            card.save()
    return 200, {"results": results}


def _closing_problems(kiosk: Kiosk, closing: dict[str, Any]) -> list[str]:
    """Where a Z report disagrees with what the hub booked for the kiosk (stored and flagged, rule 12)."""
    first, last = closing["first_seq"], closing["last_seq"]
    problems: list[str] = []
    if (first == 0) != (last == 0) or first > last:
        return ["first_seq..last_seq is not a range"]
    if last > kiosk.applied_seq:
        problems.append(f"last_seq {last} is not decided yet (applied {kiosk.applied_seq})")
        return problems
    in_day = KioskTransaction.objects.filter(kiosk=kiosk, seq__gte=first, seq__lte=last).order_by("seq")
    rows = list(in_day) if last else []
    last_hash = rows[-1].hash if rows else GENESIS_HASH
    if closing["last_hash"] != last_hash:
        problems.append("last_hash is not the hash of last_seq")
    items = [json.loads(r.content) for r in rows]
    kinds = ("sale", "refund", "void", "topup_cash", "adjustment")
    counts = {k: sum(1 for i in items if i["kind"] == k) for k in kinds}
    if counts != closing["counts"]:
        problems.append(f"counts differ: hub {counts}")
    sums = {
        "sales_gross_ore": sum(i["gross_ore"] for i in items if i["kind"] == "sale"),
        "sales_subsidy_ore": sum(i["subsidy_ore"] for i in items if i["kind"] == "sale"),
        "sales_net_ore": sum(i["net_ore"] for i in items if i["kind"] == "sale"),
        "returns_net_ore": sum(i["net_ore"] for i in items if i["kind"] in ("refund", "void")),
        "topup_cash_ore": sum(i["net_ore"] for i in items if i["kind"] == "topup_cash"),
        "adjustments_ore": sum(i["balance_delta_ore"] for i in items if i["kind"] == "adjustment"),
    }
    problems += [f"{k}: hub {v}, Z {closing[k]}" for k, v in sums.items() if closing[k] != v]
    if closing["cash_expected_ore"] != closing["opening_float_ore"] + closing["topup_cash_ore"]:
        problems.append("cash_expected_ore is not opening_float_ore + topup_cash_ore")
    if closing["cash_difference_ore"] != closing["cash_counted_ore"] - closing["cash_expected_ore"]:
        problems.append("cash_difference_ore is not cash_counted_ore - cash_expected_ore")
    return problems


@transaction.atomic
def record_day_closing(kiosk_pk: int, closing: dict[str, Any]) -> Answer:
    kiosk = _lock_kiosk(kiosk_pk)
    content = canonical_json(closing)
    old = DayClosing.objects.filter(closing_id=closing["closing_id"]).first()
    if old is not None:
        if old.kiosk_id == kiosk.pk and old.content == content:
            return 200, {"status": "duplicate"}
        return 409, {"error": "closing_conflict"}
    problems = _closing_problems(kiosk, closing)
    DayClosing.objects.create(closing_id=closing["closing_id"], kiosk=kiosk, business_date=closing["business_date"],
                              z_number=closing["z_number"], content=content, flagged=bool(problems),
                              flag_reason="; ".join(problems) or None)  # fmt: skip
    return 200, {"status": "accepted"}


