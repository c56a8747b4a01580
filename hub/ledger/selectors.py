"""Reads over the ledger: ``problems()`` for ``club-hub check``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import Count, Sum

from hub.clubs.models import Child, Kiosk
from hub.ledger.models import Balance, Entry, KioskTransaction
from pos_app.domain.journal import verify_chain


def problems() -> Iterator[str]:
    """Every kiosk's hash chain and seq order; every balance equal to the sum of its entries; every
    accepted kiosk transaction booked by exactly one entry of its delta."""
    for kiosk in Kiosk.objects.order_by("kiosk_id"):
        items = (json.loads(t.content) for t in KioskTransaction.objects.filter(kiosk=kiosk).order_by("seq").iterator())
        problem = verify_chain(items, kiosk.applied_seq, kiosk.last_hash if kiosk.applied_seq else "0" * 64)
        if problem is not None:
            yield f"kiosk {kiosk.kiosk_id}: seq {problem.seq}: {problem.problem}"
    sums = {row["child"]: (row["total"], row["n"]) for row in
            Entry.objects.values("child").annotate(total=Sum("amount_ore"), n=Count("id"))}  # fmt: skip
    balances = {b.child_id: b for b in Balance.objects.all()}
    for child in Child.objects.select_related("club").order_by("club__club_id", "child_id"):
        where = f"club {child.club.club_id} child {child.child_id}"
        balance = balances.get(child.pk)
        total, n = sums.get(child.pk, (0, 0))
        if balance is None:
            yield f"{where}: no balance row"
        elif balance.balance_ore != total or balance.entries != n:
            yield f"{where}: balance {balance.balance_ore} øre over {balance.entries} entries, but its entries " \
                  f"sum to {total} øre over {n}"  # fmt: skip
    booked = KioskTransaction.objects.filter(status="accepted").select_related("kiosk")
    for txn in booked.filter(entry__isnull=True).iterator():
        yield f"kiosk {txn.kiosk.kiosk_id}: seq {txn.seq} accepted but not in the ledger"
    for entry in Entry.objects.filter(kind="kiosk").select_related("kiosk_txn", "kiosk_txn__kiosk").iterator():
        txn = entry.kiosk_txn
        assert txn is not None
        if txn.status != "accepted" or entry.amount_ore != txn.balance_delta_ore:
            yield f"kiosk {txn.kiosk.kiosk_id}: seq {txn.seq} is in the ledger as {entry.amount_ore} øre " \
                  f"but was {txn.status} with delta {txn.balance_delta_ore}"  # fmt: skip
