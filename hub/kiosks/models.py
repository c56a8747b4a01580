"""The back office's records about kiosks: how a rejected transaction was dealt with.

A ``KioskTransaction`` is never changed (append-only), so its resolution is a row of its own: at most one
per rejected transaction (a unique key), written once, never changed or deleted. Where money had to move,
``entry`` is the adjustment that moved it (an append-only ``Entry`` of the child's ledger)."""

from __future__ import annotations

from typing import Any

from django.db import models

from hub.clubs.models import Club
from hub.ledger.models import Entry, KioskTransaction


class Resolution(models.Model):
    txn = models.OneToOneField(KioskTransaction, on_delete=models.PROTECT, related_name="resolution")
    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="resolutions")
    note = models.CharField(max_length=500)
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, null=True, related_name="resolution")
    resolved_by = models.CharField(max_length=150)  # the user name
    resolved_at = models.DateTimeField(auto_now_add=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("a resolution is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a resolution is never deleted")
