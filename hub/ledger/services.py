"""Writes to the ledger: one function, ``post_entry``, adds an entry and moves the child's balance
with it, under the balance row's lock, in the caller's transaction."""

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
