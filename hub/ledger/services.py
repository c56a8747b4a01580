"""Writes to the ledger: ``post_entry`` adds an entry and moves the child's balance with it, under the
balance row's lock, in the caller's transaction; ``post_kiosk_entries`` does the same for a whole batch of
booked kiosk transactions at once (the sync API's hot path: a few statements per batch, not per item)."""

from __future__ import annotations

from django.db import transaction

from hub.clubs.models import Child
from hub.ledger.models import Balance, Entry, KioskTransaction
from pos_app.domain.money import MAX_ABS_ORE


@transaction.atomic
def post_entry(child: Child, kind: str, amount_ore: int, *, created_by: str, note: str | None = None,
               kiosk_txn: KioskTransaction | None = None, new_child: bool = False,
               method: str | None = None) -> Entry:  # fmt: skip
    if type(amount_ore) is not int or abs(amount_ore) > MAX_ABS_ORE:
        raise ValueError("an amount is an int of øre, at most 1,000,000,000 either way")
    if new_child:
        balance = Balance.objects.create(child=child)
    else:
        balance = Balance.objects.select_for_update().get(child=child)
    entry = Entry.objects.create(child=child, kind=kind, amount_ore=amount_ore, kiosk_txn=kiosk_txn, note=note,
                                 method=method, created_by=created_by)  # fmt: skip
    balance.balance_ore += amount_ore
    balance.entries += 1
    balance.save(update_fields=["balance_ore", "entries"])
    return entry


@transaction.atomic
def post_kiosk_entries(booked: list[tuple[Child, KioskTransaction]], *, created_by: str) -> list[Entry]:
    """One ``kiosk`` entry per booked transaction, and each child's balance moved by the sum of its
    entries: the balance rows locked in child order (as every batch does, so two batches never wait on
    each other in a circle), the entries inserted in one statement, the balances updated in one."""
    if not booked:
        return []
    for _child, txn in booked:
        if type(txn.balance_delta_ore) is not int or abs(txn.balance_delta_ore) > MAX_ABS_ORE:
            raise ValueError("an amount is an int of øre, at most 1,000,000,000 either way")
    pks = sorted({child.pk for child, _txn in booked})
    balances = {b.child_id: b for b in Balance.objects.select_for_update().filter(child_id__in=pks).order_by("pk")}
    entries = Entry.objects.bulk_create([
        Entry(child=child, kind="kiosk", amount_ore=txn.balance_delta_ore, kiosk_txn=txn, created_by=created_by)
        for child, txn in booked
    ])  # fmt: skip
    for child, txn in booked:
        balance = balances[child.pk]
        balance.balance_ore += txn.balance_delta_ore
        balance.entries += 1
    Balance.objects.bulk_update(list(balances.values()), ["balance_ore", "entries"])
    return entries
