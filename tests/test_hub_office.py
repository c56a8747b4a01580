"""The hub's back office with Django's test client on a real SQLite file: who may see and do what (each
role on each page and action, a leader on another club's pages, anonymous visitors), CSRF, the login
rate limit, sessions that end, forms that refuse bad input beside the field and save nothing, the
audit log, friplads periods and what the snapshot carries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.support.hub import CLUB, OTHER_CLUB
from tests.support.office import PASSWORD, client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")

C = f"/office/c/{CLUB}"
CARD = "04A1B2C3D40001"  # c-01's
CHILD_FIELDS = {"display_name": "Alma H.", "payment_mode": "prepaid", "credit_limit": "0", "daily_limit": "",
                "restrictions": "", "blocked": ""}  # fmt: skip

# (name, method, path, data, roles allowed) for every page and action of a club
ACTIONS = [
    ("dashboard", "GET", f"{C}/", None, {"finance", "leader", "staff"}),
    ("children", "GET", f"{C}/children?q=al", None, {"finance", "leader", "staff"}),
    ("child", "GET", f"{C}/children/c-01", None, {"finance", "leader", "staff"}),
    ("ledger", "GET", f"{C}/children/c-01/ledger", None, {"finance", "leader", "staff"}),
    ("card", "GET", f"{C}/cards/{CARD}", None, {"finance", "leader", "staff"}),
    ("child_new_page", "GET", f"{C}/children/new", None, {"leader"}),
    ("child_new", "POST", f"{C}/children/new", {**CHILD_FIELDS, "child_id": "c-new", "friplads_pct": "50"}, {"leader"}),
    ("child_edit_page", "GET", f"{C}/children/c-01/edit", None, {"leader"}),
    ("child_edit", "POST", f"{C}/children/c-01/edit", {**CHILD_FIELDS, "display_name": "Alma"}, {"leader"}),
    ("friplads", "POST", f"{C}/children/c-01/friplads", {"pct": "50", "valid_from": "today"}, {"leader"}),
    ("topup", "POST", f"{C}/children/c-01/topup", {"amount": "50", "method": "cash"}, {"leader"}),
    ("adjust", "POST", f"{C}/children/c-01/adjust", {"amount": "-5,50", "reason": "fejl"}, {"leader", "finance"}),
    ("card_give", "POST", f"{C}/children/c-01/cards", {"card_uid": "04:AA:BB:CC:DD:EE:01"}, {"leader"}),
    ("card_block", "POST", f"{C}/cards/{CARD}/status", {"status": "blocked"}, {"leader", "staff"}),
    ("card_lost", "POST", f"{C}/cards/{CARD}/status", {"status": "lost"}, {"leader"}),
    ("card_replace", "POST", f"{C}/cards/{CARD}/replace", {"new_uid": "", "old_status": "lost"}, {"leader"}),
    ("audit", "GET", f"{C}/audit", None, {"leader", "finance"}),
]
USERS = {"anonymous": None, "finance": "fin", "leader": "leader", "staff": "staff", "other_leader": "other-leader"}


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _send(client, method: str, path: str, data: dict | None):
    if data is not None:
        data = {k: (_today() if v == "today" else v) for k, v in data.items()}
    return client.get(path) if method == "GET" else client.post(path, data or {})


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("name,method,path,data,allowed", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_office_authorisation_matrix(who, name, method, path, data, allowed):
    from django.db import transaction

    from hub.office.models import AuditEntry

    with transaction.atomic():  # each cell starts from the same data
        client = client_for(USERS[who])
        audits = AuditEntry.objects.count()
        res = _send(client, method, path, data)
        if who == "anonymous":
            assert res.status_code == 302 and res["Location"].startswith("/office/login?next=")
        elif who in allowed:  # the leader of another club is never in ``allowed``
            expected = 200 if method == "GET" else 302
            assert res.status_code == expected, res.content.decode()[:3000]
            if method == "POST":
                assert AuditEntry.objects.count() > audits  # every change is in the audit log
        else:
            assert res.status_code == 403
            assert AuditEntry.objects.count() == audits
        transaction.set_rollback(True)


def test_office_club_picker_is_for_finance_and_other_clubs_are_closed():
    assert client_for("fin").get("/office/")["Location"] == "/office/clubs"
    page = client_for("fin").get("/office/clubs").content.decode()
    assert f"/office/c/{CLUB}/" in page and f"/office/c/{OTHER_CLUB}/" in page
    assert client_for("leader").get("/office/")["Location"] == f"{C}/"
    assert client_for("leader").get("/office/clubs").status_code == 403
    assert client_for("leader").get(f"/office/c/{OTHER_CLUB}/").status_code == 403
    assert client_for("other-leader").get(f"/office/c/{OTHER_CLUB}/children").status_code == 200
    assert client_for("leader").get("/office/c/no-such-club/").status_code == 403
    assert client_for("leader").get(f"{C}/children/no-such-child").status_code == 404


def test_office_login_logout_and_csrf():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post("/office/login", {"username": "leader", "password": PASSWORD}).status_code == 403  # no token
    page = client.get("/office/login")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    res = client.post("/office/login", {"username": "leader", "password": PASSWORD, "csrfmiddlewaretoken": token,
                                        "next": f"{C}/children"})  # fmt: skip
    assert res.status_code == 302 and res["Location"] == f"{C}/children"
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["max-age"]  # ends with the browser
    assert client.get(f"{C}/children").status_code == 200
    # a change without the form's token is refused and changes nothing
    from hub.ledger.models import Entry

    entries = Entry.objects.count()
    assert client.post(f"{C}/children/c-01/topup", {"amount": "50", "method": "cash"}).status_code == 403
    assert Entry.objects.count() == entries
    page = client.get(f"{C}/children/c-01").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    res = client.post(f"{C}/children/c-01/topup", {"amount": "50", "method": "cash", "csrfmiddlewaretoken": token})
    assert res.status_code == 302 and Entry.objects.count() == entries + 1
    # an offsite "next" is ignored
    other = Client()
    res = other.post("/office/login", {"username": "leader", "password": PASSWORD, "next": "https://evil.example/"})
    assert res["Location"] == "/office/"
    assert client.post("/office/logout", {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get(f"{C}/children").status_code == 302  # logged out


def test_office_login_rate_limit_per_username_and_address():
    from django.test import Client

    from hub.office.models import LoginFailure

    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        res = client.post("/office/login", {"username": "leader", "password": "wrong password!"})
        assert res.status_code == 401 and "Forkert brugernavn eller adgangskode" in res.content.decode()
    assert LoginFailure.objects.filter(username="leader", ip="10.0.0.7").count() == 5
    res = client.post("/office/login", {"username": "Leader", "password": PASSWORD})  # the right one, too late
    assert res.status_code == 429 and "For mange forkerte forsøg" in res.content.decode()
    assert client.get(f"{C}/").status_code == 302  # not logged in
    # another address, or another user name from this one, is not held back
    assert Client(REMOTE_ADDR="10.0.0.8").post("/office/login", {"username": "leader",
                                                                 "password": PASSWORD}).status_code == 302  # fmt: skip
    assert client.post("/office/login", {"username": "staff", "password": PASSWORD}).status_code == 302
    # after 15 minutes the failures have aged out
    from django.utils import timezone

    LoginFailure.objects.filter(ip="10.0.0.7").update(at=timezone.now() - timedelta(minutes=16))
    fresh = Client(REMOTE_ADDR="10.0.0.7")
    assert fresh.post("/office/login", {"username": "leader", "password": PASSWORD}).status_code == 302
    assert LoginFailure.objects.filter(username="leader", ip="10.0.0.7").count() == 0  # cleared by the login


def test_office_sessions_expire():
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client = client_for("leader")
    assert client.get(f"{C}/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    res = client.get(f"{C}/")
    assert res.status_code == 302 and res["Location"].startswith("/office/login")


def test_office_bad_input_is_shown_beside_the_field_and_saves_nothing():
    from hub.clubs.models import Child, Club
    from hub.ledger.models import Balance, Entry
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    before = (Entry.objects.count(), AuditEntry.objects.count(), Club.objects.get(club_id=CLUB).version)
    cases = [
        (f"{C}/children/c-01/topup", {"amount": "1.5", "method": "cash"}, "id_amount_error", "to måder"),
        (f"{C}/children/c-01/topup", {"amount": "-5", "method": "cash"}, "id_amount_error", "negativt"),
        (f"{C}/children/c-01/topup", {"amount": "0", "method": "cash"}, "id_amount_error", "over 0 kr"),
        (f"{C}/children/c-01/topup", {"amount": "99999999", "method": "cash"}, "id_amount_error", "for stort"),
        (f"{C}/children/c-01/topup", {"amount": "5", "method": "card"}, "id_method_error", ""),
        (f"{C}/children/c-01/adjust", {"amount": "5", "reason": ""}, "id_reason_error", ""),
        (f"{C}/children/c-01/friplads", {"pct": "101", "valid_from": "2030-01-01"}, "id_pct_error", ""),
        (f"{C}/children/c-01/friplads", {"pct": "10", "valid_from": "2020-01-01"}, "id_valid_from_error", "før i dag"),
        (f"{C}/children/c-01/cards", {"card_uid": "BARN02"}, "id_card_uid_error", "allerede"),
        (f"{C}/children/c-01/cards", {"card_uid": "x!"}, "id_card_uid_error", "kort-id"),
        (f"{C}/children/new", {**CHILD_FIELDS, "child_id": "c-01", "friplads_pct": "0"}, "id_child_id_error",
         "allerede"),
        (f"{C}/children/new", {**CHILD_FIELDS, "child_id": "bad id", "friplads_pct": "0"}, "id_child_id_error", ""),
        (f"{C}/children/c-01/edit", {**CHILD_FIELDS, "credit_limit": "12,505"}, "id_credit_limit_error", ""),
        (f"{C}/children/c-01/edit", {**CHILD_FIELDS, "restrictions": "ok, <b>"}, "id_restrictions_error", ""),
        (f"{C}/children/c-01/edit", {**CHILD_FIELDS, "display_name": ""}, "id_display_name_error", ""),
    ]
    for path, data, error_id, words in cases:
        res = leader.post(path, data)
        page = res.content.decode()
        assert res.status_code == 400, (path, data)
        assert f'id="{error_id}"' in page, (path, data, page[:3000])
        assert words.lower() in page.lower(), (path, data)
    assert (Entry.objects.count(), AuditEntry.objects.count(), Club.objects.get(club_id=CLUB).version) == before
    assert Balance.objects.get(child=Child.objects.get(club__club_id=CLUB, child_id="c-01")).balance_ore == 10_000_000


def test_office_money_entries_versions_and_audit():
    from hub.clubs.models import Child
    from hub.ledger.models import Balance, Entry
    from hub.ledger.selectors import problems
    from hub.office.models import AuditEntry

    leader, fin = client_for("leader"), client_for("fin")
    child = Child.objects.get(club__club_id=CLUB, child_id="c-01")
    v0 = child.version
    assert leader.post(f"{C}/children/c-01/topup", {"amount": "1.000,50", "method": "bank", "note": "MobilePay"}
                       ).status_code == 302  # fmt: skip
    assert fin.post(f"{C}/children/c-01/adjust", {"amount": "-0,50", "reason": "rettelse"}).status_code == 302
    entries = list(Entry.objects.filter(child=child).order_by("id").values_list("kind", "amount_ore", "method",
                                                                                "created_by"))  # fmt: skip
    assert entries[-2:] == [("topup", 100_050, "bank", "leader"), ("adjustment", -50, None, "fin")]
    assert Balance.objects.get(child=child).balance_ore == 10_000_000 + 100_000
    child.refresh_from_db()
    assert child.version > v0
    audit = list(AuditEntry.objects.order_by("id").values_list("actor", "action", "before", "after"))
    assert audit[-2][:2] == ("leader", "money.topup") and audit[-2][2] == {"balance_ore": 10_000_000}
    assert audit[-1][:2] == ("fin", "money.adjust") and audit[-1][3]["balance_ore"] == 10_100_000
    assert list(problems()) == []
    page = leader.get(f"{C}/children/c-01/ledger").content.decode()
    assert "1.000,50\xa0kr" in page and "-0,50\xa0kr" in page and "101.000,00\xa0kr" in page and "rettelse" in page
    audit_page = fin.get(f"{C}/audit").content.decode()
    assert "money.adjust" in audit_page and "rettelse" in audit_page


def test_office_escapes_what_people_type():
    leader = client_for("leader")
    evil = '<script>alert("x")</script>'
    res = leader.post(f"{C}/children/new", {**CHILD_FIELDS, "display_name": evil, "child_id": "c-evil",
                                            "friplads_pct": "0"})  # fmt: skip
    assert res.status_code == 302
    for path in (f"{C}/children/c-evil", f"{C}/children?q=script", f"{C}/audit"):
        page = leader.get(path).content.decode()
        assert evil not in page and "&lt;script&gt;" in page
    res = leader.get(f"{C}/children?q=" + "%3Cb%3E")
    assert "<b>" not in res.content.decode().split("<main>")[1]
    assert "script-src" not in res["Content-Security-Policy"] and "default-src 'none'" in res["Content-Security-Policy"]
    assert res["X-Frame-Options"] == "DENY"


def test_office_friplads_periods_and_the_snapshot():
    from django.utils import timezone

    from hub.api.selectors import snapshot
    from hub.clubs.models import Child, Club, FripladsPeriod, Kiosk
    from hub.clubs.services import add_kiosk, apply_due_friplads

    leader = client_for("leader")
    kiosk, _token = add_kiosk(CLUB, "kiosk-o")
    club = Club.objects.get(club_id=CLUB)
    status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), None, 1000)
    cursor = doc["cursor"]
    today = timezone.localdate()
    # a period from a later date: stored, nothing for the kiosks yet
    later = today + timedelta(days=3)
    pct_before = Child.objects.get(club=club, child_id="c-02").friplads_pct
    assert pct_before != 75
    assert leader.post(f"{C}/children/c-02/friplads", {"pct": "75", "valid_from": later.isoformat()}).status_code == 302
    assert Child.objects.get(club=club, child_id="c-02").friplads_pct == pct_before
    # a period from today: the child has it now, and the next incremental pull carries it
    assert leader.post(f"{C}/children/c-01/friplads", {"pct": "50", "valid_from": today.isoformat()}).status_code == 302
    status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), cursor, 1000)
    assert status == 200 and [(c["child_id"], c["friplads_pct"]) for c in doc["children"]] == [("c-01", 50)]
    page = leader.get(f"{C}/children/c-02").content.decode()
    assert "75 %" in page and "kommende" in page  # the later period is shown as coming
    # the later period's day comes: the first snapshot of that day moves it (with a new version)
    assert apply_due_friplads(club.pk, today=later) == 1
    assert apply_due_friplads(club.pk, today=later) == 0  # once
    status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), doc["cursor"], 1000)
    assert [(c["child_id"], c["friplads_pct"]) for c in doc["children"]] == [("c-02", 75)]
    assert list(FripladsPeriod.objects.filter(child__child_id="c-02").values_list("pct", "applied")) == [(75, True)]
    # a new child with friplads has its period from today
    assert leader.post(f"{C}/children/new", {**CHILD_FIELDS, "child_id": "c-99", "display_name": "Ny",
                                             "friplads_pct": "100"}).status_code == 302  # fmt: skip
    status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), doc["cursor"], 1000)
    assert [(c["child_id"], c["friplads_pct"], c["balance_ore"]) for c in doc["children"]] == [("c-99", 100, 0)]


def test_office_cards_give_block_replace():
    from hub.api.services import card_status_at
    from hub.clubs.models import Card, Club

    leader, staff = client_for("leader"), client_for("staff")
    club = Club.objects.get(club_id=CLUB)
    res = leader.post(f"{C}/children/c-03/cards", {"card_uid": ""})  # a printed card code
    card = Card.objects.filter(club=club, child_id="c-03", card_uid__startswith="KORT").get()
    assert res.status_code == 302 and re.fullmatch(r"KORT[A-Z2-9]{8}", card.card_uid) and card.status == "active"
    assert leader.post(f"{C}/children/c-03/cards", {"card_uid": "04 a1 b2 c3 d4 00 99"}).status_code == 302
    assert Card.objects.get(club=club, card_uid="04A1B2C3D40099").child_id == "c-03"  # as the kiosk writes it
    assert staff.post(f"{C}/cards/{card.card_uid}/status", {"status": "blocked"}).status_code == 302
    assert card_status_at(club, card.card_uid, Card.objects.get(pk=card.pk).status_since) == "blocked"
    assert staff.post(f"{C}/cards/{card.card_uid}/status", {"status": "active"}).status_code == 403  # staff only blocks
    res = leader.post(f"{C}/cards/BARN03/replace", {"new_uid": "BARN03B", "old_status": "lost"})
    assert res.status_code == 302 and res["Location"] == f"{C}/cards/BARN03B"
    assert Card.objects.get(club=club, card_uid="BARN03").status == "lost"
    assert Card.objects.get(club=club, card_uid="BARN03B").child_id == "c-03"


def test_office_speaks_english_too():
    from django.test import Client

    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/office/login").content.decode()
    assert "Log in" in page and "Password" in page and 'lang="en"' in page
    page = Client().get("/office/login").content.decode()
    assert "Log ind" in page and "Adgangskode" in page and 'lang="da"' in page
    leader = client_for("leader", HTTP_ACCEPT_LANGUAGE="en")
    assert "Children" in leader.get(f"{C}/children").content.decode()


def test_office_child_restrictions_are_checkboxes_of_the_tags_the_clubs_products_carry():
    """"sukker" typed where the products say "sugar" silently restricted nothing: the restrictions are a
    choice of the tags the club's products carry; a child's stored restriction stays (kept as stored)."""
    from hub.clubs.models import Child, Product

    leader = client_for("leader")
    Product.objects.filter(club__club_id=CLUB, product_id="toast").update(tags=["gluten", "sugar"])
    Child.objects.filter(club__club_id=CLUB, child_id="c-01").update(restrictions=["nuts"])
    page = leader.get(f"{C}/children/c-01/edit").content.decode()
    assert "Varemærker" not in page and "Mærker barnet ikke må købe" in page
    for tag in ("gluten", "sugar", "nuts"):  # the products' tags and the child's own stored one
        assert f'type="checkbox" name="restrictions" value="{tag}"' in page, tag
    assert "checked" in page.split('value="nuts"')[1].split(">")[0]  # ticked: the child has it
    # "sukker" is no tag of a product: refused beside the field, nothing saved
    res = leader.post(f"{C}/children/c-01/edit", {**CHILD_FIELDS, "restrictions": ["sugar", "sukker"]})
    assert res.status_code == 400 and 'id="id_restrictions_error"' in res.content.decode()
    assert Child.objects.get(club__club_id=CLUB, child_id="c-01").restrictions == ["nuts"]
    res = leader.post(f"{C}/children/c-01/edit", {**CHILD_FIELDS, "restrictions": ["sugar", "nuts"]})
    assert res.status_code == 302
    assert Child.objects.get(club__club_id=CLUB, child_id="c-01").restrictions == ["nuts", "sugar"]
    # none ticked: no restrictions
    assert leader.post(f"{C}/children/c-01/edit", CHILD_FIELDS).status_code == 302
    assert Child.objects.get(club__club_id=CLUB, child_id="c-01").restrictions == []


def _figure(page: str, label: str) -> str:
    """The value shown above ``label`` in the dashboard's figures."""
    before = page.split(f'<div class="label">{label}</div>')[0]
    return before.rsplit('<div class="value">', 1)[1].split("</div>")[0].replace("\xa0", " ")


def test_office_dashboard_tells_office_top_ups_from_parents_online_payments():
    """A parent's online payment was counted as "optanket på kontoret i dag": the two are apart."""
    from django.db import transaction

    from hub.clubs.models import Child
    from hub.ledger.services import post_entry

    leader = client_for("leader")
    page = leader.get(f"{C}/").content.decode()
    office0, online0 = _figure(page, "optanket på kontoret i dag (kontant og bank)"), _figure(
        page, "betalt online af forældre i dag")  # fmt: skip
    assert (office0, online0) == ("0,00 kr", "0,00 kr")
    assert leader.post(f"{C}/children/c-01/topup", {"amount": "20", "method": "cash"}).status_code == 302
    assert leader.post(f"{C}/children/c-01/topup", {"amount": "5,50", "method": "bank"}).status_code == 302
    with transaction.atomic():  # a paid online payment, as hub.families books it
        post_entry(Child.objects.get(club__club_id=CLUB, child_id="c-01"), "topup", 10_000, created_by="parent",
                   method="online")  # fmt: skip
    page = leader.get(f"{C}/").content.decode()
    assert _figure(page, "optanket på kontoret i dag (kontant og bank)") == "25,50 kr"
    assert _figure(page, "betalt online af forældre i dag") == "100,00 kr"
    page = client_for("leader", HTTP_ACCEPT_LANGUAGE="en").get(f"{C}/").content.decode()
    assert "paid online by parents today" in page and "topped up at the office today (cash and bank)" in page


def test_office_adjustment_below_a_prepaid_childs_limit_needs_a_tick():
    """-500 kr on a prepaid child with 0 kr credit took 50 kr to -450 kr without a word: refused beside the
    amount, with a "Ja, under grænsen" checkbox; ticked, it is booked (and the audit says so)."""
    from hub.clubs.models import Child
    from hub.ledger.models import Balance, Entry
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    assert leader.post(f"{C}/children/new", {**CHILD_FIELDS, "child_id": "c-pre", "friplads_pct": "0"}
                       ).status_code == 302  # fmt: skip
    child = Child.objects.get(club__club_id=CLUB, child_id="c-pre")
    assert leader.post(f"{C}/children/c-pre/topup", {"amount": "50", "method": "cash"}).status_code == 302
    page = leader.get(f"{C}/children/c-pre").content.decode()
    assert 'type="checkbox" name="below_limit"' not in page and 'type="hidden" name="below_limit"' in page
    entries = Entry.objects.filter(child=child).count()
    res = leader.post(f"{C}/children/c-pre/adjust", {"amount": "-500", "reason": "rettelse"})
    page = res.content.decode()
    assert res.status_code == 400 and 'id="id_amount_error"' in page
    error = page.split('id="id_amount_error"')[1].split("</ul>")[0]
    assert "-450,00 kr" in error and "0,00 kr" in error and "Ja, under grænsen" in error
    assert 'type="checkbox" name="below_limit"' in page
    assert Entry.objects.filter(child=child).count() == entries and Balance.objects.get(child=child).balance_ore == 5000
    # down to the limit exactly, and up again while below it, need no tick
    assert leader.post(f"{C}/children/c-pre/adjust", {"amount": "-50", "reason": "r"}).status_code == 302
    res = leader.post(f"{C}/children/c-pre/adjust", {"amount": "-500", "reason": "rettelse", "below_limit": "on"})
    assert res.status_code == 302 and Balance.objects.get(child=child).balance_ore == -50_000
    assert AuditEntry.objects.filter(action="money.adjust").order_by("-id").first().after["below_limit"] is True
    assert leader.post(f"{C}/children/c-pre/adjust", {"amount": "10", "reason": "r"}).status_code == 302
    # an account child (pays afterwards) may go below 0 kr without the tick
    Child.objects.filter(pk=child.pk).update(payment_mode="account")
    assert leader.post(f"{C}/children/c-pre/adjust", {"amount": "-100", "reason": "r"}).status_code == 302


def test_office_small_things_language_names_404_and_one_message_per_card():
    """Each language is named in itself ("Dansk", "English", not "engelsk"); a visitor's 404 is the
    hub's styled page in Danish or English; giving a card says so once."""
    import re

    for lang in ("da", "en"):
        page = client_for("leader", HTTP_ACCEPT_LANGUAGE=lang).get(f"{C}/").content.decode()
        picker = page.split('<select id="language"')[1].split("</select>")[0]
        assert re.findall(r">([^<]+)</option>", picker) == ["Dansk", "English"], lang
    for lang, words in (("da", "Siden findes ikke"), ("en", "Page not found")):
        res = client_for(None, HTTP_ACCEPT_LANGUAGE=lang).get("/office/c/no-such-club/nothing-here")
        body = res.content.decode()
        assert res.status_code == 404 and words in body and 'rel="stylesheet"' in body, (lang, body[:500])
    leader = client_for("leader")
    res = leader.post(f"{C}/children/c-01/cards", {"card_uid": ""}, follow=True)
    page = res.content.decode()
    said = re.findall(r'<ul class="messages".*?</ul>', page, re.S)
    assert len(said) == 1 and said[0].count("<li") == 1 and "er givet til barnet" in said[0], said
