"""Money: an append-only table of entries per child, a balance row per child kept equal to their sum
(updated in the same transaction, under ``select_for_update``), and the kiosks' decided transactions.

Nothing here is updated in place or deleted: ``save`` refuses to change a stored entry or transaction,
``delete`` refuses always. A correction is a new entry.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from hub.clubs.models import Child, Kiosk
from pos_app.domain.money import MAX_ABS_ORE


class AppendOnlyError(RuntimeError):
    pass


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted")


class KioskTransaction(AppendOnly):
    """A transaction a kiosk uploaded, decided once: accepted (booked: an entry) or rejected (stored only)."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.PROTECT, related_name="transactions")
    seq = models.BigIntegerField()
    txn_id = models.CharField(max_length=36, unique=True)  # unique in the whole hub (rule 11)
    kind = models.CharField(max_length=12)
    child_id = models.CharField(max_length=64)
    refers_to = models.CharField(max_length=36, null=True)
    balance_delta_ore = models.BigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    content = models.TextField()  # the item as canonical JSON (the hash chain's form): "same content" is equality
    # the item's business_date, kept beside it so the finance exports read a period by an index
    # (hub.finance); None only for rows stored before it existed and not backfilled
    business_date = models.DateField(null=True)
    status = models.CharField(max_length=10)
    reason = models.CharField(max_length=500, null=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kiosk", "seq"], name="txn_seq_unique_per_kiosk"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="txn_seq_positive"),
            models.CheckConstraint(condition=Q(status__in=["accepted", "rejected"]), name="txn_status"),
            models.CheckConstraint(condition=Q(status="accepted", reason__isnull=True)
                                   | Q(status="rejected", reason__isnull=False),
                                   name="txn_reason_iff_rejected"),  # fmt: skip
            models.CheckConstraint(condition=Q(balance_delta_ore__gte=-MAX_ABS_ORE, balance_delta_ore__lte=MAX_ABS_ORE),
                                   name="txn_delta_range"),  # fmt: skip
        ]
        indexes = [models.Index(fields=["kiosk", "refers_to"], name="txn_refers_to"),
                   models.Index(fields=["business_date", "kiosk", "seq"], name="txn_business_date")]


ENTRY_KINDS = ["opening", "kiosk", "topup", "adjustment"]


class Entry(AppendOnly):
    """One change of a child's balance. ``kiosk_txn`` for a booked kiosk transaction (at most one entry each)."""

    KINDS = ENTRY_KINDS

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=12)
    amount_ore = models.BigIntegerField()
    kiosk_txn = models.OneToOneField(KioskTransaction, on_delete=models.PROTECT, null=True)
    note = models.CharField(max_length=500, null=True)
    # a top-up's: cash | bank (at the office), online (a parent's payment, hub.families)
    method = models.CharField(max_length=10, null=True)
    created_by = models.CharField(max_length=150)  # a kiosk id, a username or "import"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="entry_created_at")]  # the finance exports' days
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ENTRY_KINDS), name="entry_kind"),
            models.CheckConstraint(condition=Q(amount_ore__gte=-MAX_ABS_ORE, amount_ore__lte=MAX_ABS_ORE),
                                   name="entry_amount_range"),  # fmt: skip
            models.CheckConstraint(condition=Q(kind="kiosk", kiosk_txn__isnull=False)
                                   | (~Q(kind="kiosk") & Q(kiosk_txn__isnull=True)),
                                   name="entry_kiosk_txn_iff_kiosk"),  # fmt: skip
            models.UniqueConstraint(fields=["child"], condition=Q(kind="opening"), name="entry_one_opening_per_child"),
            models.CheckConstraint(condition=Q(kind="topup", method__in=["cash", "bank", "online"])
                                   | (~Q(kind="topup") & Q(method__isnull=True)),
                                   name="entry_method_iff_topup"),  # fmt: skip
        ]


class Balance(models.Model):
    """A child's balance: always the sum of its entries (``club-hub check`` verifies it)."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, primary_key=True, related_name="balance")
    balance_ore = models.BigIntegerField(default=0)
    entries = models.BigIntegerField(default=0)  # how many entries the balance sums

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(entries__gte=0), name="balance_entries_nonneg")]
