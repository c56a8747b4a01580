"""The families' side of the hub (``/foraeldre/``): parents, their children, sign-up codes, the mail
outbox, online top-ups (payments) and what a parent has paused.

A parent is a Django auth user (the password is hashed by Django) with a ``Parent`` row; the user
has no back-office ``Profile``, so the office answers 403 to a parent. Codes and tokens are kept
only as SHA-256 hashes; a sign-up code is tied to a card record, never carries its UID."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hub.clubs.models import Card, Child, Club
from hub.ledger.models import Entry
from pos_app.domain.money import MAX_ABS_ORE


class Parent(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, unique=True)  # kept lower-case
    email_confirmed_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"parent {self.pk}"


class ParentChild(models.Model):
    """A parent may see and manage this child. ``low_balance_ore``: the parent's low-balance mail amount
    (None: no mail); ``low_balance_notified``: a mail went out for the current dip below it."""

    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="links")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="parent_links")
    created_at = models.DateTimeField(auto_now_add=True)
    low_balance_ore = models.BigIntegerField(null=True)
    low_balance_notified = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="parent_child_unique"),
            models.CheckConstraint(condition=Q(low_balance_ore__isnull=True)
                                   | Q(low_balance_ore__gte=0, low_balance_ore__lte=MAX_ABS_ORE),
                                   name="parent_child_low_balance_range"),  # fmt: skip
        ]


class SignupCode(models.Model):
    """A one-time code: ``card`` (from a welcome letter or ``club-hub signup-link``: tied to the card,
    linking its child) or ``invite`` (made by a parent for a second parent, linking ``child``)."""

    code_sha256 = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10)
    club = models.ForeignKey(Club, on_delete=models.PROTECT)
    card = models.ForeignKey(Card, on_delete=models.PROTECT, null=True)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True)
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True)
    used_by = models.ForeignKey(Parent, on_delete=models.SET_NULL, null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind="card", card__isnull=False)
                                   | Q(kind="invite", child__isnull=False), name="signup_code_kind"),  # fmt: skip
        ]


class OutboxMail(models.Model):
    """A mail waiting to leave (``club-hub send-mail``, and ``serve`` every minute); never sent from
    inside a web request. ``claimed_until``: a sender has it (so two processes never send one twice)."""

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    kind = models.CharField(max_length=20)  # confirm | reset | low_balance | invite
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.IntegerField(default=0)
    next_attempt_at = models.DateTimeField(auto_now_add=True)
    claimed_until = models.DateTimeField(null=True)
    sent_at = models.DateTimeField(null=True)
    failed_at = models.DateTimeField(null=True)  # gave up after MAX_ATTEMPTS
    last_error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["sent_at", "failed_at", "next_attempt_at"], name="outbox_waiting")]


class Payment(models.Model):
    """An online top-up. ``entry`` is the ledger entry of a paid payment: at most one, ever (a
    one-to-one column), written under this row's lock, so the balance rises exactly once."""

    STATUSES = ("created", "paid", "failed")

    payment_id = models.CharField(max_length=40, unique=True)  # ours, random; the provider's reference too
    provider = models.CharField(max_length=20)
    parent = models.ForeignKey(Parent, on_delete=models.PROTECT)
    child = models.ForeignKey(Child, on_delete=models.PROTECT)
    amount_ore = models.BigIntegerField()
    status = models.CharField(max_length=10, default="created")
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True)
    settled_by = models.CharField(max_length=20, blank=True, default="")  # callback | lookup

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["created", "paid", "failed"]), name="payment_status"),
            models.CheckConstraint(condition=Q(amount_ore__gt=0, amount_ore__lte=MAX_ABS_ORE), name="payment_amount"),
            models.CheckConstraint(condition=Q(status="paid", entry__isnull=False)
                                   | (~Q(status="paid") & Q(entry__isnull=True)),
                                   name="payment_entry_iff_paid"),  # fmt: skip
        ]


class TestProviderPayment(models.Model):
    """The test payment provider's own side (as a real provider would keep it on its servers)."""

    __test__ = False  # not a pytest class

    payment_id = models.CharField(max_length=40, unique=True)
    amount_ore = models.BigIntegerField()
    status = models.CharField(max_length=10, default="created")  # created | paid | failed
    return_url = models.CharField(max_length=500)
    callback_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)


class CardPause(models.Model):
    """A card a parent paused (blocked); only such a card can the parent make active again."""

    card = models.ForeignKey(Card, on_delete=models.PROTECT)
    parent = models.ForeignKey(Parent, on_delete=models.PROTECT)
    paused_at = models.DateTimeField()
    resumed_at = models.DateTimeField(null=True)


class ClubCardKey(models.Model):
    """A club's SUN key (``club-kiosk cards sun-key``, given to ``club-hub set-card-keys``): it checks the URL
    a phone reads from the club's NTAG 424 DNA cards. Kept encrypted (Fernet, a key derived from
    CLUB_HUB_SECRET_KEY), never in clear, never logged; it cannot compute a card's tap key."""

    club = models.OneToOneField(Club, on_delete=models.PROTECT, related_name="card_key")
    key_encrypted = models.TextField()
    set_at = models.DateTimeField(auto_now=True)


class CardTapCounter(models.Model):
    """The highest SUN read counter accepted per card: a URL whose counter is not above it is a replay."""

    club = models.ForeignKey(Club, on_delete=models.PROTECT)
    card_uid = models.CharField(max_length=32)
    last_counter = models.IntegerField(default=-1)
    last_tap_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["club", "card_uid"], name="card_tap_counter_unique")]
