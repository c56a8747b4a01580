"""Clubs, their kiosks, and what the kiosks cache: children, cards, products, staff, pictures.

Every record carries ``version``, taken from its club's counter (``Club.version``) under the club's
row lock, so versions grow in commit order and a snapshot cursor (``v<version>``) never skips a
change. ``deleted`` records stay (history); a full snapshot leaves them out, an incremental one
carries them as removals.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from pos_app.domain.money import MAX_ABS_ORE

ID_MAX = 64


class Club(models.Model):
    club_id = models.CharField(max_length=ID_MAX, unique=True)
    name = models.CharField(max_length=200)
    version = models.BigIntegerField(default=0)  # the last record version handed out in this club
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(version__gte=0), name="club_version_nonneg")]

    def __str__(self) -> str:
        return self.club_id


class Kiosk(models.Model):
    """A kiosk: ids are unique in the whole hub (contract 1.1 rule 11). Only a hash of its token is kept."""

    kiosk_id = models.CharField(max_length=ID_MAX, unique=True)
    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="kiosks")
    token_sha256 = models.CharField(max_length=64, unique=True)
    applied_seq = models.BigIntegerField(default=0)  # the highest decided seq (every seq up to it decided)
    last_hash = models.CharField(max_length=64, default="0" * 64)  # the hash of applied_seq's transaction
    created_at = models.DateTimeField(auto_now_add=True)
    token_rotated_at = models.DateTimeField(null=True)
    # a revoked kiosk keeps its history; its token answers 401 until it is given a new one (rotate)
    token_revoked_at = models.DateTimeField(null=True)
    # when the kiosk last called the API with its token (kept to the minute; the back office's dashboard)
    last_seen_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(applied_seq__gte=0), name="kiosk_applied_seq_nonneg")]


class Record(models.Model):
    club = models.ForeignKey(Club, on_delete=models.PROTECT)
    version = models.BigIntegerField()
    deleted = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Child(Record):
    child_id = models.CharField(max_length=ID_MAX)
    display_name = models.CharField(max_length=80)
    friplads_pct = models.IntegerField()
    payment_mode = models.CharField(max_length=10)
    daily_limit_ore = models.BigIntegerField(null=True)
    credit_limit_ore = models.BigIntegerField()
    restrictions = models.JSONField(default=list)
    blocked = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "child_id"], name="child_unique_in_club"),
            models.UniqueConstraint(fields=["club", "version"], name="child_version_unique"),
            models.CheckConstraint(condition=Q(friplads_pct__gte=0, friplads_pct__lte=100), name="child_pct_0_100"),
            models.CheckConstraint(condition=Q(payment_mode__in=["prepaid", "account"]), name="child_payment_mode"),
            models.CheckConstraint(condition=Q(credit_limit_ore__gte=0, credit_limit_ore__lte=MAX_ABS_ORE),
                                   name="child_credit_limit_range"),  # fmt: skip
            models.CheckConstraint(condition=Q(daily_limit_ore__isnull=True)
                                   | Q(daily_limit_ore__gte=0, daily_limit_ore__lte=MAX_ABS_ORE),
                                   name="child_daily_limit_range"),  # fmt: skip
        ]

    FIELDS = ("display_name", "friplads_pct", "payment_mode", "daily_limit_ore", "credit_limit_ore",
              "restrictions", "blocked")  # fmt: skip

    def contract(self) -> dict[str, Any]:
        """The record without its balance fields (the snapshot adds them)."""
        return {"child_id": self.child_id, **{f: getattr(self, f) for f in self.FIELDS}, "deleted": False}


class FripladsPeriod(models.Model):
    """A child's friplads percentage from a date on (Europe/Copenhagen). The one valid today is the
    latest ``valid_from`` on or before today (the latest saved of equal dates); ``Child.friplads_pct``
    is kept equal to it (``hub.clubs.services.apply_due_friplads``), so snapshots carry it. Never
    changed or deleted: a correction is a new period."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="friplads_periods")
    pct = models.IntegerField()
    valid_from = models.DateField()
    applied = models.BooleanField(default=False)  # its date has come and Child.friplads_pct accounts for it
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pct__gte=0, pct__lte=100), name="friplads_period_pct_0_100"),
        ]
        indexes = [models.Index(fields=["applied", "valid_from"], name="friplads_period_due")]


class Card(Record):
    card_uid = models.CharField(max_length=32)
    child_id = models.CharField(max_length=ID_MAX, null=True)
    status = models.CharField(max_length=10)
    status_since = models.DateTimeField(null=True)  # when the current status took effect (None: always)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "card_uid"], name="card_unique_in_club"),
            models.UniqueConstraint(fields=["club", "version"], name="card_version_unique"),
            models.CheckConstraint(condition=Q(status__in=["active", "blocked", "lost"]), name="card_status"),
        ]

    FIELDS = ("child_id", "status")

    def contract(self) -> dict[str, Any]:
        return {"card_uid": self.card_uid, "child_id": self.child_id, "status": self.status, "deleted": False}


class CardStatusEvent(models.Model):
    """Every status a card had, and from when (contract 1.1 rule 8): a kiosk's change from its own
    ``occurred_at``; an office change when saved; a status from a card's first import always (None)."""

    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=10)
    child_id = models.CharField(max_length=ID_MAX, null=True)
    effective_at = models.DateTimeField(null=True)
    source = models.CharField(max_length=10)  # import | kiosk | office
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["active", "blocked", "lost"]), name="card_event_status"),
            models.CheckConstraint(condition=Q(source__in=["import", "kiosk", "office"]), name="card_event_source"),
        ]


class Product(Record):
    product_id = models.CharField(max_length=ID_MAX)
    name = models.CharField(max_length=80)
    price_ore = models.BigIntegerField()
    friplads_eligible = models.BooleanField()
    category = models.CharField(max_length=32)
    barcode = models.CharField(max_length=48, null=True)
    tags = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    icon = models.CharField(max_length=40, null=True)
    image_sha256 = models.CharField(max_length=64, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "product_id"], name="product_unique_in_club"),
            models.UniqueConstraint(fields=["club", "version"], name="product_version_unique"),
            models.CheckConstraint(condition=Q(price_ore__gte=0, price_ore__lte=MAX_ABS_ORE), name="product_price"),
        ]

    FIELDS = ("name", "price_ore", "friplads_eligible", "category", "barcode", "tags", "active", "icon",
              "image_sha256")  # fmt: skip

    def contract(self) -> dict[str, Any]:
        return {"product_id": self.product_id, **{f: getattr(self, f) for f in self.FIELDS}, "deleted": False}


class StaffMember(Record):
    staff_id = models.CharField(max_length=ID_MAX)
    display_name = models.CharField(max_length=80)
    role = models.CharField(max_length=10)
    card_uid = models.CharField(max_length=32, null=True)
    pin_hash = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "staff_id"], name="staff_unique_in_club"),
            models.UniqueConstraint(fields=["club", "version"], name="staff_version_unique"),
            models.CheckConstraint(condition=Q(role__in=["staff", "superuser"]), name="staff_role"),
        ]

    FIELDS = ("display_name", "role", "card_uid", "pin_hash")

    def contract(self) -> dict[str, Any]:
        return {"staff_id": self.staff_id, **{f: getattr(self, f) for f in self.FIELDS}, "deleted": False}


class ProductImage(models.Model):
    """A product picture (PNG or JPEG, at most 512 KiB), immutable, named by its SHA-256 (rule 6)."""

    club = models.ForeignKey(Club, on_delete=models.PROTECT)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=20)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["club", "sha256"], name="image_unique_in_club")]


class Profile(models.Model):
    """A back-office user's role and club (Django's auth user holds the name and password hash)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_profile")
    role = models.CharField(max_length=10)
    club = models.ForeignKey(Club, on_delete=models.PROTECT, null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(role__in=["finance", "leader", "staff"]), name="profile_role"),
            # finance sees every club; a leader or staff member belongs to one
            models.CheckConstraint(condition=Q(role="finance") | Q(club__isnull=False), name="profile_club"),
        ]
