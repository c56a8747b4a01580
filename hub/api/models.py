"""What kiosks sent besides transactions: card changes and day closings (Z reports), kept as received."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hub.clubs.models import Kiosk


class CardChange(models.Model):
    change_id = models.CharField(max_length=36, unique=True)  # unique in the whole hub (rule 11)
    kiosk = models.ForeignKey(Kiosk, on_delete=models.PROTECT)
    content = models.TextField()  # canonical JSON
    status = models.CharField(max_length=10)
    reason = models.CharField(max_length=500, null=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(status__in=["accepted", "rejected"]), name="change_status")]


class DayClosing(models.Model):
    closing_id = models.CharField(max_length=36, unique=True)
    kiosk = models.ForeignKey(Kiosk, on_delete=models.PROTECT)
    business_date = models.DateField()
    z_number = models.IntegerField()
    content = models.TextField()  # canonical JSON
    # rule 12: numbers that disagree with what the hub booked are stored and flagged, not refused
    flagged = models.BooleanField(default=False)
    flag_reason = models.TextField(null=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(z_number__gte=1), name="closing_z_positive")]
