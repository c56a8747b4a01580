"""Writes to the ledger: ``post_entry`` adds an entry and moves the child's balance with it, under the
balance row's lock, in the caller's transaction; ``post_kiosk_entries`` does the same for a whole batch of
booked kiosk transactions at once (the sync API's hot path: a few statements per batch, not per item)."""

from __future__ import annotations

from django.db import connection, transaction

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
    locked = set(Balance.objects.select_for_update().filter(child_id__in=pks).order_by("pk")
                 .values_list("child_id", flat=True))  # fmt: skip
    if locked != set(pks):
        raise RuntimeError("a child without a balance row")  # every child gets one when it is made
    entries = Entry.objects.bulk_create([
        Entry(child=child, kind="kiosk", amount_ore=txn.balance_delta_ore, kiosk_txn=txn, created_by=created_by)
        for child, txn in booked
    ])  # fmt: skip
    moved: dict[int, list[int]] = {pk: [0, 0] for pk in pks}
    for child, txn in booked:
        moved[child.pk][0] += txn.balance_delta_ore
        moved[child.pk][1] += 1
    table = Balance._meta.db_table
    with connection.cursor() as cur:  # one statement, many rows (Django's bulk_update builds a CASE per row)
        cur.executemany(f"UPDATE {table} SET balance_ore = balance_ore + %s, entries = entries + %s "
                        "WHERE child_id = %s", [(d, n, pk) for pk, (d, n) in moved.items()])  # fmt: skip
    return entries
