"""The contract's writes: a batch of transactions, card changes, a day closing. Each is one
transaction that first locks the kiosk's row (``select_for_update``; on SQLite the transaction takes
the write lock when it begins), so a retry racing its original waits, then answers duplicates."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.db import transaction

from hub.api.models import CardChange, DayClosing
from hub.api.rules import Lookups, rejection
from hub.clubs.models import Card, CardStatusEvent, Child, Club, Kiosk, Product
from hub.clubs.services import lock_club, next_version
from hub.ledger.models import KioskTransaction
from hub.ledger.services import post_entry
from pos_app.domain.journal import GENESIS_HASH, canonical_json, chain_hash

Answer = tuple[int, dict[str, Any]]


def _lock_kiosk(kiosk_pk: int) -> Kiosk:
    return Kiosk.objects.select_for_update().get(pk=kiosk_pk)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def card_status_at(club: Club, card_uid: str, at: datetime) -> str | None:
    """The card's status in effect at ``at`` (rule 8): the latest event that took effect by then,
    else the status it came with at its first import (in effect always)."""
    card = Card.objects.filter(club=club, card_uid=card_uid).first()
    if card is None:
        return None
    timed = (CardStatusEvent.objects.filter(card=card, effective_at__lte=at)
             .order_by("-effective_at", "-id").first())  # fmt: skip
    if timed is not None:
        return timed.status
    always = CardStatusEvent.objects.filter(card=card, effective_at__isnull=True).order_by("id").first()
    return always.status if always is not None else card.status


def _lookups(kiosk: Kiosk, club: Club) -> Lookups:
    def accepted_sale(txn_id: str, child_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        sale = KioskTransaction.objects.filter(kiosk=kiosk, txn_id=txn_id, child_id=child_id, status="accepted",
                                               kind="sale").first()  # fmt: skip
        if sale is None:
            return None
        returns = KioskTransaction.objects.filter(kiosk=kiosk, refers_to=txn_id, status="accepted",
                                                  kind__in=("refund", "void"))  # fmt: skip
        return json.loads(sale.content), [json.loads(r.content) for r in returns]

    return Lookups(
        child_known=lambda cid: Child.objects.filter(club=club, child_id=cid).exists(),
        product_known=lambda pid: Product.objects.filter(club=club, product_id=pid).exists(),
        card_known=lambda uid: Card.objects.filter(club=club, card_uid=uid).exists(),
        accepted_sale=accepted_sale,
        card_status_at=lambda uid, at: card_status_at(club, uid, _when(at)),
    )


@transaction.atomic
def book_transactions(kiosk_pk: int, items: list[dict[str, Any]]) -> Answer:
    """Decide each seq once, in order (the contract's transactions endpoint, 1.1)."""
    kiosk = _lock_kiosk(kiosk_pk)
    expected = kiosk.applied_seq + 1
    if items[0]["seq"] > expected:
        return 409, {"error": "seq_gap", "expected_seq": expected}
    club = lock_club(kiosk.club_id)  # lock order everywhere: kiosk, then club, then balances
    look = _lookups(kiosk, club)
    children: dict[str, Child | None] = {}
    results: list[dict[str, Any]] = []
    answer: Answer | None = None
    for item in items:
        seq, txn_id = item["seq"], item["txn_id"]
        content = canonical_json(item)
        if seq <= kiosk.applied_seq:
            row = KioskTransaction.objects.filter(kiosk=kiosk, seq=seq).first()
            if row is not None and row.txn_id == txn_id and row.content == content:
                dup: dict[str, Any] = {"txn_id": txn_id, "status": "duplicate", "decided": row.status}
                if row.reason:
                    dup["reason"] = row.reason
                results.append(dup)
                continue
            answer = 409, {"error": "txn_conflict", "txn_id": txn_id}
            break
        if KioskTransaction.objects.filter(txn_id=txn_id).exists():
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
        txn = KioskTransaction.objects.create(
            kiosk=kiosk, seq=seq, txn_id=txn_id, kind=item["kind"], child_id=item["child_id"],
            refers_to=item["refers_to"], balance_delta_ore=item["balance_delta_ore"], prev_hash=item["prev_hash"],
            hash=item["hash"], content=content, status=status, reason=reason,
            business_date=item["business_date"])  # fmt: skip
        if item["child_id"] not in children:
            children[item["child_id"]] = Child.objects.filter(club=club, child_id=item["child_id"]).first()
        child = children[item["child_id"]]
        if status == "accepted":
            assert child is not None  # an unknown child is rejected
            post_entry(child, "kiosk", item["balance_delta_ore"], created_by=kiosk.kiosk_id, kiosk_txn=txn)
        if child is not None:  # its balance, or this kiosk's applied seq for it, changed (rule 5)
            child.version = next_version(club)
            child.save(update_fields=["version"])
        kiosk.applied_seq, kiosk.last_hash = seq, item["hash"]
        res = {"txn_id": txn_id, "status": status}
        if reason:
            res["reason"] = reason
        results.append(res)
    kiosk.save(update_fields=["applied_seq", "last_hash"])
    if answer is not None:  # the items before were decided and stay decided
        return answer
    return 200, {"results": results, "kiosk_applied_seq": kiosk.applied_seq}



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


