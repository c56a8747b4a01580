"""The families' pages (``/foraeldre/``) with Django's test client on a real SQLite file: sign-up codes
(one-time, expiring, hashed, never the card's UID), sign-up, e-mail confirmation, a second parent's
invite, login with the rate limit, password reset, the child's page, limits, pause, lost card,
payments (duplicate, forged, late and missing callbacks), the friplads estimate, the statement PDF,
and who may see what (parent A against child B's every page and action; a logged-out visitor)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from tests.support.hub import CLUB
from tests.support.office import client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db", "test_provider")


@pytest.fixture
def test_provider(monkeypatch):
    monkeypatch.setenv("CLUB_HUB_PAYMENT_PROVIDER", "test")

PW = "kiosk-forælder-2026"
CARD_A, CARD_B = "04A1B2C3D40001", "04A1B2C3D40002"  # c-01's, c-02's


def _card(uid: str):
    from hub.clubs.models import Card

    return Card.objects.get(club__club_id=CLUB, card_uid=uid)


def _child(child_id: str):
    from hub.clubs.models import Child

    return Child.objects.get(club__club_id=CLUB, child_id=child_id)


def _code(uid: str = CARD_A) -> str:
    from hub.families.services import card_signup_code

    return card_signup_code(_card(uid), "test")


def _signup(client, code: str, email: str = "mor@example.org", name: str = "Mette"):
    return client.post("/foraeldre/tilmeld", {"code": code, "name": name, "email": email, "password": PW})


def _parent(email: str = "mor@example.org", uid: str = CARD_A):
    from django.test import Client

    client = Client()
    res = _signup(client, _code(uid), email)
    assert res.status_code == 302, res.content.decode()[:2000]
    from hub.families.models import Parent

    return client, Parent.objects.get(email=email)


def _confirm(parent) -> None:
    from hub.families.services import confirm_email, confirm_token

    confirm_email(confirm_token(parent))
    parent.refresh_from_db()


def test_signup_code_is_hashed_one_time_and_never_the_uid():
    from django.test import Client

    from hub.families.models import OutboxMail, ParentChild, SignupCode

    code = _code()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert CARD_A not in code
    stored = SignupCode.objects.get()
    assert stored.code_sha256 != code and code not in json.dumps(list(SignupCode.objects.values()), default=str)
    page = Client().get(f"/foraeldre/tilmeld?kode={code}")
    assert page.status_code == 200 and code in page.content.decode()
    client = Client()
    res = _signup(client, code.lower().replace("-", " "))  # typed by hand: any case, spaces
    assert res.status_code == 302
    link = ParentChild.objects.get()
    assert link.child.child_id == "c-01"
    mail = OutboxMail.objects.get(kind="confirm")
    assert mail.to == "mor@example.org" and "/foraeldre/bekraeft?t=" in mail.body and mail.sent_at is None
    # used: it says so and changes nothing
    other = Client()
    res = _signup(other, code, "far@example.org", "Far")
    assert res.status_code == 400 and "allerede brugt" in res.content.decode()
    assert ParentChild.objects.count() == 1 and OutboxMail.objects.count() == 1
    from hub.families.models import Parent

    assert not Parent.objects.filter(email="far@example.org").exists()
    assert "allerede brugt" in Client().get(f"/foraeldre/tilmeld?kode={code}").content.decode()


def test_expired_or_unknown_code_changes_nothing():
    from django.test import Client
    from django.utils import timezone

    from hub.families.models import Parent, SignupCode

    code = _code()
    SignupCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    res = _signup(Client(), code)
    assert res.status_code == 400 and "udløbet" in res.content.decode()
    res = _signup(Client(), "AAAA-BBBB-CCCC")
    assert res.status_code == 400 and "findes ikke" in res.content.decode()
    assert Parent.objects.count() == 0


def test_a_new_letter_code_for_the_same_child_goes_when_one_is_used():
    from django.test import Client

    first, second = _code(), _code("BARN01")  # both c-01's cards
    assert _signup(Client(), first).status_code == 302
    res = _signup(Client(), second, "far@example.org")
    assert res.status_code == 400 and "udløbet" in res.content.decode()


def test_signup_bad_input_beside_the_field_and_nothing_saved():
    from django.test import Client

    from hub.families.models import Parent, SignupCode

    code = _code()
    res = Client().post("/foraeldre/tilmeld", {"code": code, "name": "Mette", "email": "mor@example.org",
                                               "password": "1234"})  # fmt: skip
    page = res.content.decode()
    assert res.status_code == 400 and 'id="id_password_error"' in page
    assert Parent.objects.count() == 0 and SignupCode.objects.get().used_at is None
    _parent()
    res = _signup(Client(), _code(CARD_B), "MOR@example.org ")
    assert res.status_code == 400 and 'id="id_email_error"' in res.content.decode()


def test_confirm_link_and_a_forged_one():
    from django.test import Client

    from hub.families.models import OutboxMail

    client, parent = _parent()
    body = OutboxMail.objects.get(kind="confirm").body
    path = re.search(r"http://testserver(/foraeldre/bekraeft\?t=\S+)", body).group(1)
    assert "Bekræft din e-mail" in client.get("/foraeldre/").content.decode()
    assert Client().get(path[:-3] + "abc").status_code == 400
    parent.refresh_from_db()
    assert parent.email_confirmed_at is None
    assert Client().get(path).status_code == 200
    parent.refresh_from_db()
    assert parent.email_confirmed_at is not None
    assert "Bekræft din e-mail" not in client.get("/foraeldre/").content.decode()


def test_second_parent_by_invite_sees_the_child():
    from django.test import Client

    client, parent = _parent()
    child = _child("c-01")
    res = client.post(f"/foraeldre/barn/{child.pk}/inviter")
    assert res.status_code == 302  # not before the e-mail is confirmed
    _confirm(parent)
    page = client.post(f"/foraeldre/barn/{child.pk}/inviter").content.decode()
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', page).group(1)
    other = Client()
    assert _signup(other, code, "far@example.org", "Far").status_code == 302
    assert "Alma H." in other.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    assert _signup(Client(), code, "tredje@example.org").status_code == 400  # used


def test_signed_in_parent_adds_a_sibling_by_code():
    client, _parent_ = _parent()
    res = client.post("/foraeldre/tilmeld", {"code": _code(CARD_B)})
    assert res.status_code == 302
    page = client.get("/foraeldre/").content.decode()
    assert "Alma H." in page and "Noah P." in page


def test_login_rate_limit_and_logout():
    from django.test import Client

    _client, parent = _parent()
    c = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(5):
        res = c.post("/foraeldre/log-ind", {"email": "mor@example.org", "password": "forkert forkert"})
        assert res.status_code == 401 and "Forkert e-mail eller adgangskode" in res.content.decode()
    res = c.post("/foraeldre/log-ind", {"email": "Mor@Example.org", "password": PW})
    assert res.status_code == 429
    ok = Client(REMOTE_ADDR="10.1.1.2")
    res = ok.post("/foraeldre/log-ind", {"email": "mor@example.org", "password": PW,
                                         "next": "https://evil.example/"})  # fmt: skip
    assert res.status_code == 302 and res["Location"] == "/foraeldre/"
    cookie = ok.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert ok.get("/foraeldre/").status_code == 200
    ok.post("/foraeldre/log-ud")
    assert b"Har du f" in ok.get("/foraeldre/").content  # the welcome page again


def test_password_reset_by_mail_once():
    from django.test import Client

    from hub.families.models import OutboxMail

    _parent()
    res = Client().post("/foraeldre/glemt", {"email": "nobody@example.org"})
    assert res.status_code == 200 and not OutboxMail.objects.filter(kind="reset").exists()
    Client().post("/foraeldre/glemt", {"email": "mor@example.org"})
    body = OutboxMail.objects.get(kind="reset").body
    path = re.search(r"http://testserver(/foraeldre/nulstil\?u=\S+)", body).group(1)
    c = Client()
    assert c.get(path).status_code == 200
    new = "en helt ny adgangskode 7"
    res = c.post(path, {"new_password1": new, "new_password2": new})
    assert res.status_code == 302
    assert Client().post(path, {"new_password1": new, "new_password2": new}).status_code == 400  # used
    assert Client().post("/foraeldre/log-ind", {"email": "mor@example.org", "password": new}).status_code == 302
    assert Client().post("/foraeldre/log-ind", {"email": "mor@example.org", "password": PW}).status_code == 401


def test_office_users_are_not_parents_and_parents_are_not_office_users():
    client, _p = _parent()
    assert client.get(f"/office/c/{CLUB}/").status_code == 403
    office = client_for("leader")
    res = office.get(f"/foraeldre/barn/{_child('c-01').pk}/")
    assert res.status_code == 302 and res["Location"].startswith("/foraeldre/log-ind")


# --- the authorisation matrix: parent A against child B, a logged-out visitor --------------------

def _actions(pk: int) -> list[tuple[str, str, dict | None]]:
    b = f"/foraeldre/barn/{pk}/"
    return [("GET", b, None), ("POST", b + "graenser", {"daily_limit": "10", "low_balance": ""}),
            ("POST", b + "pause", {}), ("POST", b + "genoptag", {}), ("POST", b + "mistet", {"card": CARD_B}),
            ("POST", b + "inviter", {}), ("POST", b + "optank", {"amount": "100"}),
            ("GET", b + "opgoerelse/2026-11.pdf", None)]  # fmt: skip


@pytest.mark.parametrize("i", range(8))
def test_parent_a_cannot_touch_child_b_and_visitors_must_log_in(i):
    from django.test import Client

    from hub.clubs.models import Card, Child
    from hub.families.models import Payment
    from hub.office.models import AuditEntry

    client, parent = _parent()
    _confirm(parent)
    child_b = _child("c-02")
    method, path, data = _actions(child_b.pk)[i]
    before = (AuditEntry.objects.count(), list(Card.objects.values_list("status", flat=True).order_by("pk")),
              Child.objects.get(pk=child_b.pk).version, Payment.objects.count())  # fmt: skip
    res = client.get(path) if method == "GET" else client.post(path, data)
    assert res.status_code == 404
    assert "Noah" not in res.content.decode()
    anon = Client().get(path) if method == "GET" else Client().post(path, data)
    assert anon.status_code == 302 and anon["Location"].startswith("/foraeldre/log-ind?next=")
    after = (AuditEntry.objects.count(), list(Card.objects.values_list("status", flat=True).order_by("pk")),
             Child.objects.get(pk=child_b.pk).version, Payment.objects.count())  # fmt: skip
    assert after == before
    # and the same action on the parent's own child is allowed
    own = _actions(_child("c-01").pk)[i]
    own_path = own[1]
    data_own = dict(own[2] or {}, card=CARD_A) if own[2] is not None and "card" in own[2] else own[2]
    res = client.get(own_path) if method == "GET" else client.post(own_path, data_own)
    assert res.status_code in (200, 302), res.content.decode()[:2000]


def test_other_childrens_names_never_on_the_parents_pages():
    client, _p = _parent()
    pages = [client.get("/foraeldre/").content.decode(),
             client.get(f"/foraeldre/barn/{_child('c-01').pk}/").content.decode()]  # fmt: skip
    for page in pages:
        assert "Alma H." in page
        for other in ("Noah P.", "Freja K.", "Oscar L."):
            assert other not in page


# --- limits, pause, lost ------------------------------------------------------------------------

def test_limits_bump_the_version_and_are_audited():
    from hub.clubs.models import Club
    from hub.office.models import AuditEntry

    client, parent = _parent()
    child = _child("c-01")
    v = child.version
    res = client.post(f"/foraeldre/barn/{child.pk}/graenser", {"daily_limit": "25,50", "restrictions": ["sugar"],
                                                               "low_balance": "50"})  # fmt: skip
    assert res.status_code == 302
    child.refresh_from_db()
    assert child.daily_limit_ore == 2550 and child.restrictions == ["sugar"]
    assert child.version > v and child.version == Club.objects.get(club_id=CLUB).version
    actions = set(AuditEntry.objects.filter(actor=f"parent {parent.pk}").values_list("action", flat=True))
    assert {"child.update", "family.low_balance", "family.signup", "family.link"} <= actions
    res = client.post(f"/foraeldre/barn/{child.pk}/graenser", {"daily_limit": "-5", "low_balance": ""})
    assert res.status_code == 400 and 'id="id_daily_limit_error"' in res.content.decode()
    child.refresh_from_db()
    assert child.daily_limit_ore == 2550
    res = client.post(f"/foraeldre/barn/{child.pk}/graenser", {"daily_limit": "", "low_balance": ""})
    child.refresh_from_db()
    assert child.daily_limit_ore is None and child.restrictions == []


def test_pause_resume_and_a_club_block_stays():
    from hub.office import services as office

    client, _p = _parent()
    child = _child("c-01")
    assert client.post(f"/foraeldre/barn/{child.pk}/pause").status_code == 302
    assert {_card(CARD_A).status, _card("BARN01").status} == {"blocked"}
    assert client.post(f"/foraeldre/barn/{child.pk}/genoptag").status_code == 302
    assert {_card(CARD_A).status, _card("BARN01").status} == {"active"}
    # the club blocks a card: the parent's "resume" does not open it
    office.set_card_status(child.club_id, "leader", CARD_A, "blocked")
    client.post(f"/foraeldre/barn/{child.pk}/genoptag")
    assert _card(CARD_A).status == "blocked"


def test_lost_card_at_once_and_a_later_sale_is_rejected():
    from django.utils import timezone

    from hub.api.services import card_status_at
    from hub.clubs.models import CardStatusEvent

    client, _p = _parent()
    child = _child("c-01")
    v = _card(CARD_A).version
    # the first step asks "Er du sikker?" and changes nothing
    ask = client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_A})
    asked = ask.content.decode()
    assert ask.status_code == 200 and "Er du sikker?" in asked
    assert "Kortet kan ikke bruges mere; klubben giver et nyt." in asked
    assert 'name="confirm" value="yes"' in asked and f'href="/foraeldre/barn/{child.pk}/#cards"' in asked  # undo
    assert _card(CARD_A).status == "active" and _card(CARD_A).version == v
    assert not CardStatusEvent.objects.filter(card=_card(CARD_A), status="lost").exists()
    assert client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_A, "confirm": "yes"}).status_code == 302
    card = _card(CARD_A)
    assert card.status == "lost" and card.version > v
    event = CardStatusEvent.objects.filter(card=card).latest("pk")
    assert event.status == "lost" and abs((event.effective_at - timezone.now()).total_seconds()) < 60
    # the API's rule (card_reported_lost) sees it from that moment on, not before
    club = child.club
    assert card_status_at(club, CARD_A, event.effective_at + timedelta(seconds=1)) == "lost"
    assert card_status_at(club, CARD_A, event.effective_at - timedelta(hours=1)) == "active"
    for step in ({}, {"confirm": "yes"}):  # not theirs: neither step shows or touches it
        assert client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_B, **step}).status_code == 302
    assert _card(CARD_B).status == "active"
    again = client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_A}, follow=True).content.decode()
    assert "allerede meldt mistet" in again and "Er du sikker?" not in again


# --- payments -------------------------------------------------------------------------------------

def _start_payment(client, child_pk: int, amount: str = "150") -> str:
    res = client.post(f"/foraeldre/barn/{child_pk}/optank", {"amount": amount})
    assert res.status_code == 302, res.content.decode()[:2000]
    m = re.fullmatch(r"http://testserver/testbetaling/([0-9a-f]{32})", res["Location"])
    assert m, res["Location"]
    return m.group(1)


def _callback(client, payment_id: str, status: str, secret_ok: bool = True):
    from hub.families.payments import sign

    body = json.dumps({"payment_id": payment_id, "status": status}).encode()
    sig = sign(body) if secret_ok else sign(body + b"x")
    return client.post("/foraeldre/betaling/callback", body, content_type="application/json",
                       headers={"X-Testpay-Signature": sig})  # fmt: skip


def _balance(child_id: str) -> int:
    from hub.ledger.models import Balance

    return int(Balance.objects.get(child=_child(child_id)).balance_ore)


def _online_entries(child_id: str) -> int:
    from hub.ledger.models import Entry

    return Entry.objects.filter(child=_child(child_id), kind="topup", method="online").count()


def test_topup_needs_a_confirmed_email_and_a_sane_amount():
    client, parent = _parent()
    pk = _child("c-01").pk
    res = client.post(f"/foraeldre/barn/{pk}/optank", {"amount": "150"})
    assert res.status_code == 400 and "Bekræft din e-mail" in res.content.decode()
    _confirm(parent)
    for bad in ("5", "2000,01", "abc"):
        res = client.post(f"/foraeldre/barn/{pk}/optank", {"amount": bad})
        assert res.status_code == 400 and 'id="id_amount_error"' in res.content.decode()


def test_paid_once_for_duplicate_and_late_callbacks_and_the_return_page():
    from django.test import Client

    from hub.families.models import Payment
    from hub.ledger.selectors import problems

    client, parent = _parent()
    _confirm(parent)
    child = _child("c-01")
    before, version = _balance("c-01"), child.version
    pid = _start_payment(client, child.pk, "150,50")
    page = client.get(f"/testbetaling/{pid}")
    assert page.status_code == 200 and "150,50" in page.content.decode()
    assert _balance("c-01") == before  # nothing before it is paid
    res = client.post(f"/testbetaling/{pid}", {"choice": "pay"})  # the provider's page
    assert res.status_code == 302 and res["Location"].endswith(f"/foraeldre/betaling/{pid}")
    # the return page looks it up (the callback is late); then the callback comes, twice
    page = client.get(f"/foraeldre/betaling/{pid}").content.decode()
    assert "Betalingen er gennemført" in page
    assert _callback(Client(), pid, "paid").status_code == 200
    assert _callback(Client(), pid, "paid").status_code == 200
    assert _callback(Client(), pid, "failed").status_code == 200  # a contradicting late one: first decision stands
    assert _balance("c-01") == before + 15050 and _online_entries("c-01") == 1
    p = Payment.objects.get(payment_id=pid)
    assert p.status == "paid" and p.settled_by == "lookup"
    child.refresh_from_db()
    assert child.version > version  # the next snapshot carries the balance
    assert list(problems()) == []


def test_forged_and_unknown_callbacks_change_nothing():
    from django.test import Client

    from hub.families.models import Payment

    client, parent = _parent()
    _confirm(parent)
    pid = _start_payment(client, _child("c-01").pk)
    before = _balance("c-01")
    assert _callback(Client(), pid, "paid", secret_ok=False).status_code == 400
    res = Client().post("/foraeldre/betaling/callback", b"not json", content_type="application/json")
    assert res.status_code == 400
    assert _callback(Client(), "0" * 32, "paid").status_code == 404
    assert _balance("c-01") == before and Payment.objects.get(payment_id=pid).status == "created"
    # the provider was never paid: a lookup leaves it waiting; declined: failed, no money
    page = client.get(f"/foraeldre/betaling/{pid}").content.decode()
    assert "Betalingen venter" in page
    client.post(f"/testbetaling/{pid}", {"choice": "decline"})
    assert _callback(Client(), pid, "failed").status_code == 200
    assert Payment.objects.get(payment_id=pid).status == "failed" and _balance("c-01") == before
    client.post(f"/testbetaling/{pid}", {"choice": "pay"})  # too late: the provider keeps its first decision
    assert _callback(Client(), pid, "paid", secret_ok=False).status_code == 400
    assert _balance("c-01") == before


def test_a_missing_callback_is_settled_by_the_minute_jobs_lookup():
    from django.utils import timezone

    from hub.families import payments
    from hub.families.models import Payment

    client, parent = _parent()
    _confirm(parent)
    pid = _start_payment(client, _child("c-01").pk, "40")
    client.post(f"/testbetaling/{pid}", {"choice": "pay"})  # the parent closes the tab; no callback comes
    before = _balance("c-01")
    assert payments.settle_stale() == 0  # too young to look up
    Payment.objects.filter(payment_id=pid).update(created_at=timezone.now() - timedelta(minutes=5))
    assert payments.settle_stale() == 1
    assert _balance("c-01") == before + 4000 and _online_entries("c-01") == 1
    assert payments.settle_stale() == 0


def test_two_tabs_pay_two_payments_each_once():
    from hub.families.models import Payment

    client, parent = _parent()
    _confirm(parent)
    pk = _child("c-01").pk
    before = _balance("c-01")
    a, b = _start_payment(client, pk, "100"), _start_payment(client, pk, "200")
    client.post(f"/testbetaling/{b}", {"choice": "pay"})
    client.post(f"/testbetaling/{a}", {"choice": "pay"})
    client.post(f"/testbetaling/{a}", {"choice": "pay"})  # a double click
    for pid in (a, b, a):
        _callback(client, pid, "paid")
    assert _balance("c-01") == before + 30000 and _online_entries("c-01") == 2
    assert set(Payment.objects.values_list("status", flat=True)) == {"paid"}


# --- mail, low balance, friplads, the statement ----------------------------------------------------

class Smtp:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        from tests.support.hub import free_port

        self.messages: list[tuple[str, list[str], str]] = []
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                outer.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                                       envelope.content.decode("utf-8", "replace")))  # fmt: skip
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.controller.stop()


def test_outbox_sends_through_smtp_once_and_retries_when_down():
    from email import message_from_string
    from email.policy import default

    from django.utils import timezone

    from hub.families import mail
    from hub.families.models import OutboxMail
    from tests.support.hub import free_port

    _parent()
    # the server is down: the attempt is counted and tried later; nothing is lost
    report = mail.send_pending(f"smtp://127.0.0.1:{free_port()}")
    m = OutboxMail.objects.get()
    assert report.retry == 1 and m.attempts == 1 and m.sent_at is None and m.next_attempt_at > timezone.now()
    assert mail.send_pending(f"smtp://127.0.0.1:{free_port()}").retry == 0  # not due yet
    OutboxMail.objects.update(next_attempt_at=timezone.now())
    smtp = Smtp()
    try:
        assert mail.send_pending(smtp.url, "kiosk@club.example").sent == 1
        assert mail.send_pending(smtp.url).sent == 0  # never twice
    finally:
        smtp.stop()
    assert len(smtp.messages) == 1
    sender, rcpts, raw = smtp.messages[0]
    msg = message_from_string(raw, policy=default)
    assert sender == "kiosk@club.example" and rcpts == ["mor@example.org"]
    assert "/foraeldre/bekraeft?t=" in msg.get_content() and "Bekræft" in str(msg["Subject"])
    assert OutboxMail.objects.get().sent_at is not None


def test_smtp_urls():
    from hub.families.mail import SmtpUrlError, parse_smtp_url

    s = parse_smtp_url("smtps://kiosk%40club:p%3Ass@mail.example:465")
    assert (s.host, s.port, s.tls, s.user, s.password) == ("mail.example", 465, True, "kiosk@club", "p:ss")
    assert parse_smtp_url("smtp://127.0.0.1:2525").tls is False
    for bad in ("", "http://x", "smtp://user:pw@host:25", "smtp://host:notaport"):
        with pytest.raises(SmtpUrlError):
            parse_smtp_url(bad)


def test_low_balance_mail_once_per_dip():
    from hub.families.jobs import low_balance_pass
    from hub.families.models import OutboxMail
    from hub.office import services as office

    client, parent = _parent()
    child = _child("c-01")
    client.post(f"/foraeldre/barn/{child.pk}/graenser", {"daily_limit": "", "low_balance": "50"})
    assert low_balance_pass("https://hub.example") == 0  # unconfirmed e-mail: no mail
    _confirm(parent)
    low = _balance("c-01") - 4000  # down to 40,00 kr
    office.adjust(child.club_id, "leader", "c-01", -low, "test")
    assert low_balance_pass("https://hub.example") == 1
    assert low_balance_pass("https://hub.example") == 0  # once per dip
    body = OutboxMail.objects.get(kind="low_balance").body
    assert "40,00" in body and "50,00" in body and f"https://hub.example/foraeldre/barn/{child.pk}/" in body
    office.adjust(child.club_id, "leader", "c-01", 2000, "test")  # 60 kr: back above
    assert low_balance_pass("https://hub.example") == 0
    office.adjust(child.club_id, "leader", "c-01", -3000, "test")  # 30 kr: a new dip
    assert low_balance_pass("https://hub.example") == 1
    assert OutboxMail.objects.filter(kind="low_balance").count() == 2


def test_friplads_estimate_uses_the_kiosks_calculator_and_stores_nothing():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hub.families.views import _thresholds
    from pos_app.domain.friplads import friplads

    page = Client().get("/foraeldre/friplads")
    assert page.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        res = Client().get("/foraeldre/friplads", {"income_month": "25000", "children": "2", "single": "on"})
    assert not [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]  # nothing written
    year = int(re.search(r"regler for (\d{4})", res.content.decode()).group(1))
    expected = friplads(_thresholds()[year], 25000, 2, True).subsidy_pct
    assert f"Skøn: {expected} % friplads" in res.content.decode()
    assert Client().get("/foraeldre/friplads", {"income_month": "-1", "children": "0"}).status_code == 400


def test_statement_pdf_has_the_month(tmp_path):
    from hub.families import pdf, selectors
    from hub.office import services as office

    client, _p = _parent()
    child = _child("c-01")
    office.top_up(child.club_id, "leader", "c-01", 12550, "cash", None)
    from django.utils import timezone

    today = timezone.localdate()
    res = client.get(f"/foraeldre/barn/{child.pk}/opgoerelse/{today.year}-{today.month:02d}.pdf")
    assert res.status_code == 200 and res["Content-Type"] == "application/pdf" and res.content.startswith(b"%PDF")
    st = selectors.statement(child, today)
    assert st.paid_in_ore >= 12550 and st.closing_ore == _balance("c-01")
    assert any(r.text == "Indbetaling (kontant)" and r.amount_ore == 12550 for r in st.rows)
    assert pdf.statement(child, st)[:4] == b"%PDF"
    assert client.get(f"/foraeldre/barn/{child.pk}/opgoerelse/2026-13.pdf").status_code == 404


def _sell_and_adjust(child, when: str):
    """c-01's month: an office top-up of 100 kr, a kiosk sale of a toast (15 kr) booked through the API,
    an office adjustment of -5 kr with its reason."""
    from hub.clubs.services import add_kiosk
    from hub.office import services as office
    from tests.support.hub import Chain

    office.top_up(child.club_id, "leader", child.child_id, 10000, "cash", None)
    token = add_kiosk(CLUB, "kiosk-9")[1]
    from django.test import Client

    res = Client().post("/v1/kiosks/kiosk-9/transactions", json.dumps({"transactions": [Chain().next(
        "sale", child=child.child_id, occurred_at=when)]}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert res.status_code == 200 and res.json()["results"][0]["status"] == "accepted", res.content
    office.adjust(child.club_id, "leader", child.child_id, -500, "Glemt at betale for saft 3. november")


def test_statement_adds_up_from_the_opening_balance_to_the_closing_one():
    from django.utils import timezone

    from hub.families import pdf, selectors
    from hub.ledger.models import Entry
    from hub.ledger.services import post_entry

    child = _child("c-01")
    if not Entry.objects.filter(child=child, kind="opening").exists():
        post_entry(child, "opening", 5000, created_by="import", note="opening balance (import)")
    opening = Entry.objects.get(child=child, kind="opening")
    today = timezone.localdate()
    _sell_and_adjust(child, timezone.localtime().isoformat(timespec="milliseconds"))
    st = selectors.statement(child, today)
    # the opening balance is the balance before the month's first movement: imported opening included
    before = sum(e.amount_ore for e in Entry.objects.filter(child=child)
                 if e.kind == "opening" or e.created_at < selectors._month_bounds(today)[0])  # fmt: skip
    assert st.opening_ore == before and before != 0 and opening.amount_ore != 0
    assert "Startsaldo" not in [r.text for r in st.rows]  # not a movement of the month
    assert st.paid_in_ore == sum(e.amount_ore for e in Entry.objects.filter(child=child, kind="topup",
                                 created_at__gte=selectors._month_bounds(today)[0]))  # fmt: skip
    assert st.paid_in_ore >= 10000 and st.spent_ore >= 1500 and st.adjusted_ore <= -500
    assert st.opening_ore + st.paid_in_ore - st.spent_ore + st.adjusted_ore == st.closing_ore == _balance("c-01")
    assert st.opening_ore + sum(r.amount_ore for r in st.rows) == st.closing_ore
    running = st.opening_ore
    for row in st.rows:
        running += row.amount_ore
        assert row.balance_ore == running
    assert any(r.text == "Regulering: Glemt at betale for saft 3. november" and r.amount_ore == -500 for r in st.rows)
    assert any(r.text.startswith("Køb · kiosk-9") and r.amount_ore == -1500 for r in st.rows)
    data = pdf.statement(child, st)
    assert data[:4] == b"%PDF"
    from tests.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "families-statement.pdf").write_bytes(data)  # to look at (pdftoppm -png)


def test_statement_pdf_columns_do_not_overlap(tmp_path):
    """The PDF rendered with pdftotext -layout: "Beløb" and "Saldo" are apart on every line."""
    import shutil
    import subprocess
    from datetime import datetime

    from django.utils import timezone

    from hub.families import pdf
    from hub.families.selectors import Statement, StatementRow

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is required (scripts/test installs Debian's poppler-utils)")
    at = timezone.make_aware(datetime(2026, 11, 3, 14, 5))
    st = Statement(datetime(2026, 11, 1).date(), -123450, -118450, subsidy_ore=750, spent_ore=1500, paid_in_ore=10000,
                   adjusted_ore=-3500)  # fmt: skip
    running = st.opening_ore
    for text, amount, sub in (("Indbetaling (kontant)", 10000, 0), ("Køb · kiosk-1: 1 x Toast", -1500, 750),
                              ("Regulering: " + "en meget lang begrundelse " * 6, -3500, 0)):  # fmt: skip
        running += amount
        st.rows.append(StatementRow(at, text, sub, amount, running))
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf.statement(_child("c-01"), st))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "-1.234,50 kr" in text and "-1.184,50 kr" in text
    for line in text.splitlines():
        assert not re.search(r"\d,\d\d-?\d", line), line  # two amounts never run together
    row = next(line for line in text.splitlines() if "Toast" in line)
    assert re.search(r"7,50 kr\s{2,}-15,00 kr\s{2,}-1.149,50 kr$", row.rstrip()), row


def test_statements_offered_from_the_childs_first_entry_on():
    from datetime import timedelta as td

    from django.utils import timezone

    from hub.ledger.models import Entry

    client, _p = _parent()
    child = _child("c-01")
    page = client.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    offered = re.findall(r"/opgoerelse/(\d{4})-(\d{1,2})\.pdf", page)
    first = Entry.objects.filter(child=child).order_by("created_at").first()
    today = timezone.localdate()
    if first is None:
        assert offered == [] and "Den første opgørelse kommer" in page
    else:
        start = timezone.localtime(first.created_at).date().replace(day=1)
        assert offered and all((int(y), int(m)) >= (start.year, start.month) for y, m in offered)
        assert (str(today.year), str(today.month)) in offered
    # a child whose first entry is this month: this month only (not back to June)
    Entry.objects.filter(child=child).update(created_at=timezone.now() - td(minutes=1))
    page = client.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    if Entry.objects.filter(child=child).exists():
        assert re.findall(r"/opgoerelse/(\d{4})-(\d{1,2})\.pdf", page) == [(str(today.year), str(today.month))]


def test_movements_show_topups_adjustments_and_payments_beside_purchases_newest_first():
    from django.utils import timezone

    from hub.families import payments
    from hub.office import services as office

    client, parent = _parent()
    _confirm(parent)
    child, other = _child("c-01"), _child("c-02")
    office.adjust(other.club_id, "leader", "c-02", 300, "Hemmelig grund for et andet barn")
    _sell_and_adjust(child, (timezone.localtime() - timedelta(minutes=5)).isoformat(timespec="milliseconds"))
    pid = _start_payment(client, child.pk, "40")
    assert payments.settle(pid, "paid", "callback") is not None
    page = client.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    section = page[page.index('id="purchases"'):page.index('id="limits"')]
    assert "Bevægelser" in section
    for text in ("Indbetaling på klubbens kontor (kontant)", "Glemt at betale for saft 3. november",
                 "Indbetaling på nettet", "Toast", "40,00", "-5,00", "100,00", "-15,00"):  # fmt: skip
        assert text in section, text
    assert "Hemmelig grund" not in page  # never another child's
    order = [section.index(t) for t in ("Indbetaling på nettet", "Glemt at betale", "Toast")]
    assert order == sorted(order), order  # newest first: the payment, the adjustment, the sale (5 min ago)


def test_signup_shows_a_wrong_code_and_a_short_password_together():
    from django.contrib.auth import get_user_model
    from django.test import Client

    res = Client().post("/foraeldre/tilmeld", {"code": "AAAA-BBBB-CCCC", "name": "Mette", "email": "m@example.org",
                                               "password": "abc"})  # fmt: skip
    page = res.content.decode()
    assert res.status_code == 400
    assert "Koden findes ikke" in page and 'id="id_code_error"' in page
    assert 'id="id_password_error"' in page and "for kort" in page
    assert not get_user_model().objects.filter(email="m@example.org").exists()


def test_pause_belongs_to_the_child_and_a_lost_card_is_meldt_mistet():
    client, _p = _parent()
    child = _child("c-01")
    page = client.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    pause = page[page.index('id="pause"'):page.index('id="cards"')]
    cards = page[page.index('id="cards"'):]
    assert f"Sæt {child.display_name} på pause (alle kort)" in pause and "alle kort stopper" in pause
    assert "/pause" not in cards and "Meld kortet mistet" in cards
    for other in ("Kortet er mistet", "Sæt kortet på pause"):
        assert other not in page
    client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_A, "confirm": "yes"})
    page = client.get(f"/foraeldre/barn/{child.pk}/").content.decode()
    assert "meldt mistet" in page[page.index('id="cards"'):]


def test_an_invalid_limit_has_an_error_summary_at_the_top():
    client, _p = _parent()
    child = _child("c-01")
    res = client.post(f"/foraeldre/barn/{child.pk}/graenser", {"daily_limit": "ti kroner", "low_balance": ""})
    page = res.content.decode()
    assert res.status_code == 400
    summary = page.index('class="error-summary" role="alert"')
    assert summary < page.index("<h1>") and '<a href="#id_daily_limit">' in page
    assert page.index('id="id_daily_limit"') > summary and 'id="id_daily_limit_error"' in page
    assert 'class="error-summary"' not in client.get(f"/foraeldre/barn/{child.pk}/").content.decode()


# --- the office's welcome letters -----------------------------------------------------------------

@pytest.mark.parametrize("who,status", [("leader", 200), ("staff", 403), ("fin", 403), ("other-leader", 403),
                                        (None, 302)])  # fmt: skip
def test_welcome_letters_page_is_the_leaders(who, status):
    from hub.families.models import SignupCode

    client = client_for(who)
    assert client.get(f"/office/c/{CLUB}/welcome-letters").status_code == status
    res = client.post(f"/office/c/{CLUB}/welcome-letters", {"which": "all"})
    assert res.status_code == (200 if who == "leader" else status)
    assert SignupCode.objects.exists() == (who == "leader")


def test_welcome_letters_for_selected_and_all_children():
    from hub.families.models import SignupCode
    from hub.office.models import AuditEntry

    client = client_for("leader")
    page = client.get(f"/office/c/{CLUB}/children").content.decode()
    assert f"/office/c/{CLUB}/welcome-letters" in page
    res = client.post(f"/office/c/{CLUB}/welcome-letters", {"which": "selected", "child": ["c-01", "c-03"]})
    assert res.status_code == 200 and res["Content-Type"] == "application/pdf"
    assert res.content.count(b"/Type /Page\n") + res.content.count(b"/Type /Page ") >= 2
    codes = SignupCode.objects.select_related("card")
    assert sorted(c.card.card_uid for c in codes) == ["BARN01", "BARN03"]  # the printed card codes
    assert AuditEntry.objects.filter(action="family.signup_code", actor="leader").count() == 2
    res = client.post(f"/office/c/{CLUB}/welcome-letters", {"which": "selected"})
    assert res.status_code == 400 and "Vælg mindst" in res.content.decode() and SignupCode.objects.count() == 2
    client.post(f"/office/c/{CLUB}/welcome-letters", {"which": "all"})
    assert SignupCode.objects.count() == 22


def test_welcome_letter_pdf_has_the_kiosks_text_the_code_and_the_address():
    from hub.families.pdf import Letter, welcome_letters

    url = "https://hub.example.dk/foraeldre/tilmeld?kode=ABCD-EFGH-JKMN"
    data = welcome_letters([Letter("Demo klub", "Alma H.", "ABCD-EFGH-JKMN", url)], compress=False)
    for text in (b"Velkommen!", b"Til for\\346ldre til Alma H.", b"ABCD-EFGH-JKMN", b"Dit barn betaler",
                 b"https://hub.example.dk/foraeldre/tilmeld", b"(inviteres bagefter fra jeres side.)",
                 b"(In English: scan the QR code"):  # fmt: skip
        assert text in data, text
    assert b"Welcome!" not in data  # no English inside a Danish sentence
    assert b"04A1B2C3D40001" not in data


def test_signup_link_command_refuses_bad_input(hub_databases):
    from tests.support.hub import run_hub

    url, _t = hub_databases.fresh("sqlite")
    for args, message in ((("--card", "NOSUCHCARD", "--base-url", "https://hub.example"), "no such card"),
                          (("--card", "BARN01", "--base-url", "ftp://hub.example"), "--base-url"),
                          (("--card", "BARN01", "--club", "other-klub", "--base-url", "https://h.example"),
                           "no such card")):  # fmt: skip
        res = run_hub("signup-link", *args, database=url)
        assert res.returncode == 2 and message in res.stderr, res.stderr
    res = run_hub("signup-link", "--card", "barn01", "--base-url", "https://hub.example/", database=url)
    assert res.returncode == 0 and re.fullmatch(r"https://hub\.example/foraeldre/tilmeld\?kode=[A-Z2-9-]{14}\n",
                                                res.stdout)  # fmt: skip
    res = run_hub("send-mail", database=url)
    assert res.returncode == 2 and "CLUB_HUB_SMTP_URL" in res.stderr


def test_the_demos_mailbox_file(tmp_path):
    import mailbox

    from hub.families import mail

    _parent()
    box = tmp_path / "mail.mbox"
    assert mail.send_pending(f"file://{box}").sent == 1
    msgs = list(mailbox.mbox(str(box)))
    assert len(msgs) == 1 and msgs[0]["To"] == "mor@example.org"


def test_pages_in_english_from_the_browsers_language():
    from django.test import Client

    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/foraeldre/").content.decode()
    assert "Have you had a letter from the club?" in page and 'lang="en"' in page
    client, _p = _parent()
    page = client.get(f"/foraeldre/barn/{_child('c-01').pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Movements of the last 60 days" in page and "Report the card lost" in page and "Pause Alma H." in page


def test_an_abandoned_payment_expires_without_money():
    from django.utils import timezone

    from hub.families import payments
    from hub.families.models import Payment, TestProviderPayment

    client, parent = _parent()
    _confirm(parent)
    pid = _start_payment(client, _child("c-01").pk, "40")
    before = _balance("c-01")
    Payment.objects.filter(payment_id=pid).update(created_at=timezone.now() - timedelta(hours=2))
    assert payments.settle_stale() == 0  # the provider still offers its page: waiting
    TestProviderPayment.objects.filter(payment_id=pid).update(created_at=timezone.now() - timedelta(hours=2))
    assert payments.settle_stale() == 1
    assert Payment.objects.get(payment_id=pid).status == "failed"
    client.post(f"/testbetaling/{pid}", {"choice": "pay"})  # too late on the provider's page
    assert TestProviderPayment.objects.get(payment_id=pid).status == "failed" and _balance("c-01") == before


def test_a_parents_session_ends():
    from datetime import UTC, datetime

    from django.contrib.sessions.models import Session
    from django.test import Client

    _parent()
    c = Client()
    assert c.post("/foraeldre/log-ind", {"email": "mor@example.org", "password": PW}).status_code == 302
    pk = _child("c-01").pk
    assert c.get(f"/foraeldre/barn/{pk}/").status_code == 200
    assert not c.cookies["sessionid"]["max-age"]  # ends with the browser
    Session.objects.filter(session_key=c.cookies["sessionid"].value).update(
        expire_date=datetime(2000, 1, 1, tzinfo=UTC))
    assert c.get(f"/foraeldre/barn/{pk}/").status_code == 302  # after at most 8 hours: log in again


def test_no_online_topups_unless_a_provider_is_configured(monkeypatch):
    from django.test import Client

    from hub.families import payments
    from hub.families.models import Payment

    client, parent = _parent()
    _confirm(parent)
    pk = _child("c-01").pk
    pid = _start_payment(client, pk, "50")
    monkeypatch.delenv("CLUB_HUB_PAYMENT_PROVIDER")
    page = client.get(f"/foraeldre/barn/{pk}/").content.decode()
    assert "Sæt penge ind" not in page and "/optank" not in page
    res = client.post(f"/foraeldre/barn/{pk}/optank", {"amount": "50"}, follow=True)
    assert "ikke slået til" in res.content.decode()
    assert Client().get(f"/testbetaling/{pid}").status_code == 404
    assert _callback(Client(), pid, "paid").status_code == 404
    assert client.get(f"/foraeldre/betaling/{pid}").status_code == 200 and payments.settle_stale() == 0
    assert Payment.objects.count() == 1 and Payment.objects.get().status == "created"


def test_the_clubs_audit_log_shows_parents_actions_without_names():
    client, parent = _parent()
    child = _child("c-01")
    client.post(f"/foraeldre/barn/{child.pk}/pause")
    client.post(f"/foraeldre/barn/{child.pk}/mistet", {"card": CARD_A, "confirm": "yes"})
    page = client_for("leader").get(f"/office/c/{CLUB}/audit").content.decode()
    for action in ("family.signup", "family.link", "card.status"):
        assert action in page
    assert f"parent {parent.pk}" in page
    assert "Mette" not in page and "mor@example.org" not in page


def test_pages_carry_the_security_headers_and_no_inline_script_or_style():
    from django.test import Client

    client, _p = _parent()
    for c, path in ((Client(), "/foraeldre/"), (Client(), "/foraeldre/friplads"), (Client(), "/foraeldre/guide"),
                    (client, f"/foraeldre/barn/{_child('c-01').pk}/")):  # fmt: skip
        res = c.get(path)
        assert res.status_code == 200
        assert "script-src" not in res["Content-Security-Policy"] and "default-src 'none'" in res[
            "Content-Security-Policy"]
        assert res["X-Frame-Options"] == "DENY"
        page = res.content.decode()
        assert "<script" not in page and "style=" not in page and " onclick" not in page


def test_signup_rate_limit_after_five_wrong_codes_even_for_the_right_one():
    from django.test import Client

    from hub.families.models import Parent

    client = Client(REMOTE_ADDR="192.0.2.7")
    form = {"name": "Mette", "email": "m@example.org", "password": "a-long-password-1"}
    for n in range(5):
        res = client.post("/foraeldre/tilmeld", {**form, "code": f"AAAA-BBBB-CCC{n}"})
        assert res.status_code == 400, n
    good = _code()
    res = client.post("/foraeldre/tilmeld", {**form, "code": good})
    assert res.status_code == 429 and "For mange forkerte forsøg" in res.content.decode()
    assert Parent.objects.count() == 0  # refused before the code was even checked
    other = Client(REMOTE_ADDR="192.0.2.8")  # another address is not held back
    assert other.post("/foraeldre/tilmeld", {**form, "code": good}).status_code == 302
    assert Parent.objects.count() == 1


def test_families_language_picker_names_each_language_in_itself():
    import re

    from django.test import Client

    for lang in ("da", "en"):
        page = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/foraeldre/log-ind").content.decode()
        picker = page.split('<select id="language"')[1].split("</select>")[0]
        assert re.findall(r">([^<]+)</option>", picker) == ["Dansk", "English"], lang
