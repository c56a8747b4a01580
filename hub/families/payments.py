"""Online top-ups behind one interface, ``PaymentProvider``, and the hub's side that settles them.

A payment's life: ``start_payment`` stores a ``Payment`` (status ``created``) and asks the provider
for a payment page; the parent pays there; the provider redirects the browser back (the return page
looks the payment up) and, on its own, posts a signed callback. Either settles the payment, and so
may a lookup later (``settle_stale``, in ``serve``'s minute job) when the callback never came.
``settle`` locks the payment's row: the first decision stands, a second (a duplicate or late
callback) changes nothing, and a paid payment gets exactly one ledger entry (a one-to-one column
guards it too). A callback whose signature does not verify is refused and changes nothing.

``TestProvider`` behaves like a real provider and works in the demo and the tests: its payment page
is part of the hub, under ``/testbetaling/`` (its own path, as a provider's site would be), it keeps
its own records (``TestProviderPayment``) and signs its callbacks with HMAC-SHA256 over the body with
``CLUB_HUB_TESTPAY_SECRET``. What a real adapter (MobilePay, Nets Easy) needs: docs/families.md."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import requests
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.clubs.models import Child
from hub.clubs.services import lock_club, next_version
from hub.families.models import Parent, ParentChild, Payment, TestProviderPayment
from hub.families.services import FamilyError, _audit, actor
from hub.ledger.models import Balance
from hub.ledger.services import post_entry
from pos_app.domain.money import MAX_ABS_ORE

log = logging.getLogger(__name__)

MIN_TOPUP_ORE, MAX_TOPUP_ORE = 1_000, 200_000  # 10,00 kr to 2.000,00 kr per payment
STALE_AFTER = timedelta(minutes=2)  # a payment without a decision this old is looked up
TEST_PAYMENT_EXPIRES = timedelta(hours=1)  # the test provider's page, like a real one, does not wait forever


class ForgedCallback(ValueError):
    """A callback whose signature does not verify (or is malformed): refused, nothing changes."""


@dataclass(frozen=True)
class CallbackResult:
    payment_id: str
    status: str  # paid | failed


class PaymentProvider(Protocol):
    name: str

    def create_payment(self, payment_id: str, amount_ore: int, return_url: str, callback_url: str) -> str:
        """Register the payment with the provider; returns the address of its payment page."""

    def verify_callback(self, body: bytes, headers: dict[str, str]) -> CallbackResult:
        """The callback's decision if its signature verifies; else ``ForgedCallback``."""

    def lookup(self, payment_id: str) -> str:
        """The provider's status of the payment now: created | paid | failed."""


# --- the test provider -------------------------------------------------------------------------

def _secret() -> bytes:
    return os.environ.get("CLUB_HUB_TESTPAY_SECRET", "test-provider-demo-secret-not-for-money").encode("utf-8")


def sign(body: bytes) -> str:
    return hmac.new(_secret(), body, hashlib.sha256).hexdigest()


class TestProvider:
    __test__ = False  # not a pytest class
    name = "test"

    def __init__(self, base_url: str = "") -> None:
        self.base_url = base_url

    def create_payment(self, payment_id: str, amount_ore: int, return_url: str, callback_url: str) -> str:
        TestProviderPayment.objects.create(payment_id=payment_id, amount_ore=amount_ore, return_url=return_url,
                                           callback_url=callback_url)  # fmt: skip
        return f"{self.base_url}/testbetaling/{payment_id}"

    def verify_callback(self, body: bytes, headers: dict[str, str]) -> CallbackResult:
        given = headers.get("X-Testpay-Signature", "")
        if not hmac.compare_digest(given, sign(body)):
            raise ForgedCallback("bad signature")
        try:
            doc = json.loads(body)
            result = CallbackResult(str(doc["payment_id"]), str(doc["status"]))
        except (ValueError, KeyError, TypeError):
            raise ForgedCallback("malformed body") from None
        if result.status not in ("paid", "failed"):
            raise ForgedCallback("unknown status")
        return result

    def lookup(self, payment_id: str) -> str:
        found = TestProviderPayment.objects.filter(payment_id=payment_id).first()
        if found is None:
            return "failed"  # a payment the provider never saw was never paid
        if found.status == "created" and found.created_at < timezone.now() - TEST_PAYMENT_EXPIRES:
            return "failed"  # abandoned on the provider's page: expired (its page refuses it now)
        return found.status

    # the provider's own side: its page's buttons, and its callback, sent after a delay of its own
    # (``CLUB_HUB_TESTPAY_CALLBACK``: "now", "late" (30 s), "twice" or "never": for the demo and tests)
    @staticmethod
    @transaction.atomic
    def decide(payment_id: str, paid: bool) -> TestProviderPayment | None:
        p = TestProviderPayment.objects.select_for_update().filter(payment_id=payment_id).first()
        if p is None or p.status != "created":
            return p
        if p.created_at < timezone.now() - TEST_PAYMENT_EXPIRES:
            paid = False  # expired: it can only fail now
        p.status = "paid" if paid else "failed"
        p.save(update_fields=["status"])
        mode = os.environ.get("CLUB_HUB_TESTPAY_CALLBACK", "now")
        if mode != "never":
            body = json.dumps({"payment_id": p.payment_id, "status": p.status}).encode("utf-8")
            delay, times = {"late": (30.0, 1), "twice": (0.2, 2)}.get(mode, (0.2, 1))
            transaction.on_commit(lambda: _send_callback(p.callback_url, body, delay, times))
        return p


def _send_callback(url: str, body: bytes, delay: float, times: int) -> None:
    def run() -> None:
        for _i in range(times):
            time.sleep(delay)
            try:
                requests.post(url, data=body, timeout=10, headers={"Content-Type": "application/json",
                                                                   "X-Testpay-Signature": sign(body)})  # fmt: skip
            except requests.RequestException as exc:
                log.warning("test provider: callback not delivered: %s", type(exc).__name__)

    threading.Thread(target=run, name="testpay-callback", daemon=True).start()


def provider_name() -> str:
    """``CLUB_HUB_PAYMENT_PROVIDER``: empty (the default) means no online top-ups; ``test`` is the
    test provider, which takes no money: only for the demo and the tests, never where parents pay."""
    return os.environ.get("CLUB_HUB_PAYMENT_PROVIDER", "").strip()


def provider(base_url: str = "") -> PaymentProvider:
    name = provider_name()
    if name != "test":
        raise FamilyError(None, _("Betaling på nettet er ikke slået til i denne klub."))
    return TestProvider(base_url)


# --- the hub's side ------------------------------------------------------------------------------

def start_payment(parent: Parent, child: Child, amount_ore: int, base_url: str) -> str:
    """A new payment for the child; returns the provider's payment page (to redirect the parent to)."""
    if type(amount_ore) is not int or not MIN_TOPUP_ORE <= amount_ore <= MAX_TOPUP_ORE:
        raise FamilyError("amount", _("Et beløb fra 10,00 kr til 2.000,00 kr."))
    with transaction.atomic():
        ParentChild.objects.get(parent=parent, child=child)
        payment_id = secrets.token_hex(16)
        prov = provider(base_url)
        Payment.objects.create(payment_id=payment_id, provider=prov.name, parent=parent, child=child,
                               amount_ore=amount_ore)  # fmt: skip
        _audit(child.club, actor(parent), "family.payment_start", f"child {child.child_id}", None,
               {"payment_id": payment_id, "amount_ore": amount_ore})
        url = prov.create_payment(payment_id, amount_ore, f"{base_url}/foraeldre/betaling/{payment_id}",
                                  f"{base_url}/foraeldre/betaling/callback")  # fmt: skip
    log.info("families: payment %s started", payment_id)
    return url


def settle(payment_id: str, status: str, how: str) -> Payment | None:
    """The provider's decision for a payment, once. Paid: one top-up entry (method ``online``) and a
    new version of the child, so the kiosks' next snapshot carries the balance. Returns the payment
    (None: no such payment)."""
    if status not in ("paid", "failed"):
        return Payment.objects.filter(payment_id=payment_id).first()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("child").filter(payment_id=payment_id).first()
        if payment is None or payment.status != "created":
            if payment is not None:
                log.info("families: payment %s already %s; a %s (%s) changes nothing", payment_id, payment.status,
                         how, status)  # fmt: skip
            return payment
        club = lock_club(payment.child.club_id)  # the hub's lock order: club, then balance
        child = Child.objects.get(pk=payment.child_id)
        payment.status, payment.settled_at, payment.settled_by = status, timezone.now(), how
        if status == "paid":
            bal = Balance.objects.select_for_update().get(child=child)
            if abs(bal.balance_ore + payment.amount_ore) > MAX_ABS_ORE:
                payment.status = "failed"  # never reached with the 2.000 kr cap; kept for the constraint's sake
            else:
                payment.entry = post_entry(child, "topup", payment.amount_ore, method="online",
                                           created_by=f"payment {payment_id}", note=f"online {payment.provider}")
                child.version = next_version(club)
                child.save(update_fields=["version", "updated_at"])
        payment.save()
        _audit(club, f"parent {payment.parent_id}", "family.payment", f"child {child.child_id}", {"status": "created"},
               {"status": payment.status, "amount_ore": payment.amount_ore, "by": how})  # fmt: skip
    log.info("families: payment %s %s (by %s)", payment_id, payment.status, how)
    return payment


def settle_by_lookup(payment_id: str) -> Payment | None:
    payment = Payment.objects.filter(payment_id=payment_id).first()
    if payment is None or payment.status != "created" or payment.provider != provider_name():
        return payment  # decided, or its provider is no longer configured: it waits
    status = provider().lookup(payment_id)
    return settle(payment_id, status, "lookup") if status in ("paid", "failed") else payment


def settle_stale(older_than: timedelta = STALE_AFTER) -> int:
    """Payments without a decision for a while are looked up (a callback that never came)."""
    n = 0
    if not provider_name():
        return 0
    for pid in Payment.objects.filter(status="created", created_at__lt=timezone.now() - older_than) \
            .values_list("payment_id", flat=True)[:500]:
        payment = settle_by_lookup(pid)
        if payment is not None and payment.status != "created":
            n += 1
    return n
