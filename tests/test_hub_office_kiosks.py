"""The back office's kiosk pages with Django's test client on a real SQLite file, the kiosks' side
through the hub's real API views: who may see and do what on the kiosk, rejection and day-closing
pages (each role, a leader of another club, anonymous), CSRF, a token shown once (only its hash kept,
the old one 401 at once, a revoked one 401 until a new one), a rejection resolved with an adjustment
that moves the balance exactly once, and Z reports reconciled against what the hub booked."""

from __future__ import annotations

import hashlib
import json
import re
import uuid

import pytest

from tests.support.hub import CLUB, OTHER_CLUB, Chain
from tests.support.office import client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")

C = f"/office/c/{CLUB}"
USERS = {"anonymous": None, "finance": "fin", "leader": "leader", "staff": "staff", "other_leader": "other-leader"}


def api(token: str, path: str, body: object):
    from django.test import Client

    return Client().post(path, data=json.dumps(body), content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip


def status(token: str, kiosk_id: str) -> int:
    from django.test import Client

    return Client().get(f"/v1/kiosks/{kiosk_id}/status", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def new_kiosk(kiosk_id: str = "kiosk-9", club: str = CLUB) -> str:
    from hub.clubs.services import add_kiosk

    return add_kiosk(club, kiosk_id)[1]


def upload(token: str, items: list[dict], kiosk_id: str = "kiosk-9") -> dict:
    res = api(token, f"/v1/kiosks/{kiosk_id}/transactions", {"transactions": items})
    assert res.status_code == 200, res.content
    return res.json()


def z_report(items: list[dict], z_number: int = 1, **override: object) -> dict:
    """The Z a kiosk would send for ``items`` (all of one business day)."""
    kinds = ("sale", "refund", "void", "topup_cash", "adjustment")
    sales = [i for i in items if i["kind"] == "sale"]
    topups = sum(i["net_ore"] for i in items if i["kind"] == "topup_cash")
    z = {"closing_id": str(uuid.uuid4()), "business_date": items[0]["business_date"], "z_number": z_number,
         "opened_at": "2026-11-25T08:00:00+01:00", "closed_at": "2026-11-25T18:00:00+01:00", "closed_by": "s-1",
         "first_seq": items[0]["seq"], "last_seq": items[-1]["seq"], "last_hash": items[-1]["hash"],
         "counts": {k: sum(1 for i in items if i["kind"] == k) for k in kinds},
         "sales_gross_ore": sum(i["gross_ore"] for i in sales),
         "sales_subsidy_ore": sum(i["subsidy_ore"] for i in sales),
         "sales_net_ore": sum(i["net_ore"] for i in sales),
         "returns_net_ore": sum(i["net_ore"] for i in items if i["kind"] in ("refund", "void")),
         "topup_cash_ore": topups, "adjustments_ore": 0, "opening_float_ore": 0, "cash_expected_ore": topups,
         "cash_counted_ore": topups, "cash_difference_ore": 0, "staff_actions": 0,
         "grand_total_sales_ore": sum(i["net_ore"] for i in sales), "grand_total_returns_ore": 0}  # fmt: skip
    z.update(override)
    return z


@pytest.fixture
def kiosk_day():
    """kiosk-9 of the demo club: two sales, one rejected (unknown product), a cash top-up, a Z for them."""
    token = new_kiosk()
    chain = Chain()
    items = [chain.next("sale"), chain.next("sale", lines=[("p-nope", 1, 700)]), chain.next("topup_cash", amount=5000)]
    results = upload(token, items)["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"]
    assert results[1]["reason"].startswith("unknown_product")
    from hub.ledger.models import KioskTransaction

    rejected = KioskTransaction.objects.get(kiosk__kiosk_id="kiosk-9", seq=2)
    return {"token": token, "chain": chain, "items": items, "rejected": rejected}


# (name, method, path, data, roles allowed, the status an allowed role gets)
ACTIONS = [
    ("kiosks", "GET", f"{C}/kiosks", None, {"finance", "leader"}, 200),
    ("kiosk_register", "POST", f"{C}/kiosks/new", {"kiosk_id": "kiosk-new"}, {"finance", "leader"}, 200),
    ("kiosk_rotate", "POST", f"{C}/kiosks/kiosk-9/rotate", {}, {"finance", "leader"}, 200),
    ("kiosk_revoke", "POST", f"{C}/kiosks/kiosk-9/revoke", {}, {"finance", "leader"}, 302),
    ("rejections", "GET", f"{C}/rejections?show=all", None, {"finance", "leader"}, 200),
    ("rejection", "GET", f"{C}/rejections/TXN", None, {"finance", "leader"}, 200),
    ("rejection_resolve", "POST", f"{C}/rejections/TXN/resolve", {"note": "talt med forældre", "amount": "-15"},
     {"finance", "leader"}, 302),
    ("closings", "GET", f"{C}/closings", None, {"finance", "leader"}, 200),
]


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("name,method,path,data,allowed,ok", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_kiosk_pages_authorisation_matrix(kiosk_day, who, name, method, path, data, allowed, ok):
    from hub.ledger.models import Entry
    from hub.office.models import AuditEntry

    path = path.replace("TXN", str(kiosk_day["rejected"].pk))
    client = client_for(USERS[who])
    audits, entries = AuditEntry.objects.count(), Entry.objects.count()
    res = client.get(path) if method == "GET" else client.post(path, data)
    if who == "anonymous":
        assert res.status_code == 302 and res["Location"].startswith("/office/login?next=")
    elif who in allowed:  # the leader of another club is never in ``allowed``
        assert res.status_code == ok, res.content.decode()[:3000]
        if method == "POST":
            assert AuditEntry.objects.count() == audits + 1  # every change is in the audit log
    else:
        assert res.status_code == 403
        assert AuditEntry.objects.count() == audits and Entry.objects.count() == entries
    if who != "anonymous" and name == "kiosks":  # the menu shows the pages only to those who may open them
        menu = client.get(f"{C}/" if who != "other_leader" else f"/office/c/{OTHER_CLUB}/").content.decode()
        assert ("/kiosks\"" in menu) == (who != "staff")  # the other club's leader sees their own club's


def test_kiosk_pages_of_another_club_and_unknown_records(kiosk_day):
    other = new_kiosk("kiosk-x9", OTHER_CLUB)
    assert other
    leader = client_for("leader")
    # a leader of the demo club cannot touch the other club's kiosk through their own club's address
    assert leader.post(f"{C}/kiosks/kiosk-x9/rotate").status_code == 404
    assert leader.post(f"{C}/kiosks/kiosk-x9/revoke").status_code == 404
    assert status(other, "kiosk-x9") == 200
    assert leader.get(f"{C}/rejections/999999").status_code == 404
    accepted = kiosk_day["rejected"].pk - 1  # seq 1, accepted: not a rejection
    assert leader.get(f"{C}/rejections/{accepted}").status_code == 404
    theirs = f"/office/c/{OTHER_CLUB}/rejections/{kiosk_day['rejected'].pk}"
    assert client_for("other-leader").get(theirs).status_code == 404


def test_kiosk_pages_need_the_csrf_token(kiosk_day):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hub.clubs.models import Kiosk
    from hub.kiosks.models import Resolution

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="leader"))
    before = Kiosk.objects.get(kiosk_id="kiosk-9").token_sha256
    rid = kiosk_day["rejected"].pk
    for path, data in ((f"{C}/kiosks/new", {"kiosk_id": "kiosk-csrf"}), (f"{C}/kiosks/kiosk-9/rotate", {}),
                       (f"{C}/kiosks/kiosk-9/revoke", {}), (f"{C}/rejections/{rid}/resolve", {"note": "x"})):
        assert client.post(path, data).status_code == 403, path
    assert not Kiosk.objects.filter(kiosk_id="kiosk-csrf").exists()
    assert Kiosk.objects.get(kiosk_id="kiosk-9").token_sha256 == before
    assert not Resolution.objects.exists()
    page = client.get(f"{C}/kiosks").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(f"{C}/kiosks/new", {"kiosk_id": "kiosk-csrf", "csrfmiddlewaretoken": token}).status_code == 200


def _shown_token(page: str) -> str:
    return re.search(r'id="new-token"[^>]*>([^<]+)</textarea>', page).group(1)


def test_register_rotate_and_revoke_show_the_token_once(kiosk_day, caplog):
    from hub.clubs.models import Kiosk
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    with caplog.at_level("DEBUG"):
        res = leader.post(f"{C}/kiosks/new", {"kiosk_id": "kiosk-3"})
    assert res.status_code == 200 and "no-store" in res["Cache-Control"]
    page = res.content.decode()
    token = _shown_token(page)
    assert len(token) >= 43 and 'kiosk = "kiosk-3"' in page and f'club = "{CLUB}"' in page
    kiosk = Kiosk.objects.get(kiosk_id="kiosk-3")
    assert kiosk.club.club_id == CLUB and kiosk.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert status(token, "kiosk-3") == 200
    # never again: not on the page, not in the audit log, not in a log line
    assert token not in leader.get(f"{C}/kiosks").content.decode()
    assert token not in leader.get(f"{C}/audit").content.decode()
    assert token not in caplog.text
    logged = json.dumps([[a.before, a.after] for a in AuditEntry.objects.all()])
    assert token not in logged and kiosk.token_sha256 not in logged
    assert AuditEntry.objects.filter(action="kiosk.register", actor="leader", target="kiosk kiosk-3").count() == 1

    # an id that exists anywhere in the hub, or a bad id: the error beside the field, nothing saved
    for bad, words in (("kiosk-3", "allerede en kiosk"), ("kiosk 3!", "1-64 tegn")):
        res = leader.post(f"{C}/kiosks/new", {"kiosk_id": bad})
        body = res.content.decode()
        assert res.status_code == 400 and words in body and 'id="id_kiosk_id_error"' in body
    assert Kiosk.objects.filter(club__club_id=CLUB).count() == 2

    # a new token: the old one answers 401 at once
    res = client_for("fin").post(f"{C}/kiosks/kiosk-3/rotate")
    new = _shown_token(res.content.decode())
    assert new != token and status(token, "kiosk-3") == 401 and status(new, "kiosk-3") == 200
    assert AuditEntry.objects.filter(action="kiosk.rotate", actor="fin").count() == 1

    # revoked: 401 until it gets a new token; its history stays
    applied = Kiosk.objects.get(kiosk_id="kiosk-9").applied_seq
    res = leader.post(f"{C}/kiosks/kiosk-9/revoke")
    assert res.status_code == 302
    assert status(kiosk_day["token"], "kiosk-9") == 401
    page = leader.get(f"{C}/kiosks").content.decode()
    assert "spærret" in page
    res = leader.post(f"{C}/kiosks/kiosk-9/revoke")  # twice: said, nothing changed
    assert "allerede spærret" in leader.get(f"{C}/kiosks").content.decode()
    assert AuditEntry.objects.filter(action="kiosk.revoke").count() == 1
    again = _shown_token(leader.post(f"{C}/kiosks/kiosk-9/rotate").content.decode())
    assert status(again, "kiosk-9") == 200 and status(kiosk_day["token"], "kiosk-9") == 401
    k9 = Kiosk.objects.get(kiosk_id="kiosk-9")
    assert k9.token_revoked_at is None and k9.applied_seq == applied == 3
    # it goes on from where it was
    item = kiosk_day["chain"].next("sale")
    assert upload(again, [item])["results"][0]["status"] == "accepted"


def test_kiosks_page_shows_sync_health(kiosk_day):
    from datetime import timedelta

    from django.utils import timezone

    from hub.clubs.models import Kiosk

    new_kiosk("kiosk-never")
    Kiosk.objects.filter(kiosk_id="kiosk-9").update(last_seen_at=timezone.now() - timedelta(days=3, hours=1))
    page = client_for("leader").get(f"{C}/kiosks").content.decode()
    row9 = page[page.index(">kiosk-9</strong>"):]
    row9 = row9[:row9.index("</tr>")]
    assert "Ikke hørt fra i 3 døgn." in row9 and ">3<" in row9  # last decided seq
    assert '>1</a>' in row9  # one rejection waiting
    never = page[page.index(">kiosk-never</strong>"):]
    assert "Har aldrig kontaktet hubben." in never[:never.index("</tr>")]
    status(kiosk_day["token"], "kiosk-9")  # contact: it no longer stands out
    page = client_for("leader").get(f"{C}/kiosks").content.decode()
    row9 = page[page.index(">kiosk-9</strong>"):]
    assert "Ikke hørt fra" not in row9[:row9.index("</tr>")]


def test_a_rejection_resolved_with_an_adjustment_moves_the_balance_once(kiosk_day):
    from hub.clubs.models import Child
    from hub.kiosks.models import Resolution
    from hub.ledger.models import Balance, Entry
    from hub.office.models import AuditEntry

    rid = kiosk_day["rejected"].pk
    c01 = Child.objects.get(club__club_id=CLUB, child_id="c-01")
    balance = Balance.objects.get(child=c01).balance_ore
    version = c01.version
    leader = client_for("leader")
    dash = leader.get(f"{C}/").content.decode()
    assert "Afviste transaktioner: 1" in dash
    page = leader.get(f"{C}/rejections").content.decode()
    assert "unknown_product" in page and "kiosk-9" in page and "c-01" in page and "-7,00\xa0kr" in page

    # bad input: beside the field, nothing saved
    res = leader.post(f"{C}/rejections/{rid}/resolve", {"note": " ", "amount": "abc"})
    body = res.content.decode()
    assert res.status_code == 400 and 'id="id_note_error"' in body and 'id="id_amount_error"' in body
    assert not Resolution.objects.exists() and Balance.objects.get(child=c01).balance_ore == balance

    res = leader.post(f"{C}/rejections/{rid}/resolve", {"note": "Solgt alligevel, kosten var ukendt", "amount": "-7"})
    assert res.status_code == 302
    assert Balance.objects.get(child=c01).balance_ore == balance - 700
    entry = Entry.objects.filter(child=c01).order_by("-id").first()
    assert entry.kind == "adjustment" and entry.amount_ore == -700 and entry.created_by == "leader"
    assert "kiosk-9 nr. 2" in entry.note
    r = Resolution.objects.get(txn_id=rid)
    assert r.entry_id == entry.pk and r.resolved_by == "leader"
    assert Child.objects.get(pk=c01.pk).version > version  # the next snapshot carries the new balance
    audit = AuditEntry.objects.get(action="rejection.resolve")
    assert audit.after["amount_ore"] == -700 and audit.before["balance_ore"] == balance
    # a second attempt (a double click, another user) is refused and moves nothing
    res = client_for("fin").post(f"{C}/rejections/{rid}/resolve", {"note": "igen", "amount": "-7"})
    assert res.status_code == 400 and "allerede markeret som løst" in res.content.decode()
    assert Balance.objects.get(child=c01).balance_ore == balance - 700
    assert Resolution.objects.count() == 1 and Entry.objects.filter(child=c01, kind="adjustment").count() == 1
    # the waiting count drops; the resolution shows
    assert "Afviste transaktioner: 0" in leader.get(f"{C}/").content.decode()
    assert "unknown_product" not in leader.get(f"{C}/rejections").content.decode()
    assert "unknown_product" in leader.get(f"{C}/rejections?show=resolved").content.decode()
    page = leader.get(f"{C}/rejections/{rid}").content.decode()
    assert "Solgt alligevel" in page and "-7,00\xa0kr" in page
    from hub.ledger.selectors import problems

    assert list(problems()) == []  # every balance still equals its entries


def test_a_rejection_resolved_without_money_and_for_an_unknown_child(kiosk_day):
    from hub.kiosks.models import Resolution
    from hub.ledger.models import Entry

    entries = Entry.objects.count()
    chain = kiosk_day["chain"]
    res = upload(kiosk_day["token"], [chain.next("sale", child="c-ghost", card=None)])
    assert res["results"][0]["reason"].startswith("unknown_child")
    from hub.ledger.models import KioskTransaction

    ghost = KioskTransaction.objects.get(kiosk__kiosk_id="kiosk-9", seq=4)
    fin = client_for("fin")
    res = fin.post(f"{C}/rejections/{ghost.pk}/resolve", {"note": "Prøvekøb", "amount": "-15"})
    assert res.status_code == 400 and "c-ghost findes ikke" in res.content.decode()
    assert not Resolution.objects.exists()
    assert fin.post(f"{C}/rejections/{ghost.pk}/resolve", {"note": "Prøvekøb", "amount": ""}).status_code == 302
    assert Resolution.objects.get().entry is None and Entry.objects.count() == entries


def _closing(token: str, z: dict, kiosk_id: str = "kiosk-9"):
    res = api(token, f"/v1/kiosks/{kiosk_id}/day-closings", z)
    assert res.status_code == 200, res.content
    return res


def _card(page: str, z_number: int) -> str:
    start = page.index(f"kiosk-9 · Z {z_number} ·")
    end = page.find("</section>", start)
    return page[start:end]


def test_closings_reconciled_against_what_the_hub_booked(kiosk_day):
    token, chain, items = kiosk_day["token"], kiosk_day["chain"], kiosk_day["items"]
    # Z 1 as the kiosk counted it: it includes the sale the hub rejected
    _closing(token, z_report(items))
    # Z 2: a day of one sale, but the Z's sales total is wrong by 1,00 kr
    day2 = [chain.next("sale", occurred_at="2026-11-26T10:00:00.000+01:00")]
    upload(token, day2)
    _closing(token, z_report(day2, 2, sales_net_ore=1600, sales_gross_ore=1600, cash_counted_ore=0,
                             cash_difference_ore=0))  # fmt: skip
    # Z 3: a day that right now matches exactly
    day3 = [chain.next("topup_cash", amount=2000, occurred_at="2026-11-27T10:00:00.000+01:00")]
    upload(token, day3)
    _closing(token, z_report(day3, 3, cash_counted_ore=1500, cash_difference_ore=-500))
    # Z 4: its last seq is not uploaded yet
    day4 = [chain.next("sale", occurred_at="2026-11-28T10:00:00.000+01:00")]
    _closing(token, z_report(day4, 4))

    page = client_for("leader").get(f"{C}/closings").content.decode()
    one = _card(page, 1)
    assert "forskel" in one and "1 afvist transaktion i intervallet er ikke bogført" in one
    assert "Salg (netto): Z&#x27;en siger 22,00\xa0kr, hubben har bogført 15,00\xa0kr" in one
    assert "Forskellen er afviste transaktioner" in one and "Antal salg: Z&#x27;en siger 2, hubben har bogført 1" in one
    assert 'class="num diff"' in one and "7,00\xa0kr" in one

    two = _card(page, 2)
    assert "badge bad" in two and 'class="differs"' in two
    assert "Z&#x27;en siger 16,00\xa0kr, men kiosken sendte transaktioner for 15,00\xa0kr" in two
    assert "stemmer ikke med kioskens egne transaktioner" in two
    assert "Salg før friplads" in two and "Antal salg" in two and "Antal salg: " not in two  # counts agree

    three = _card(page, 3)
    assert "stemmer" in three and "badge good" in three and 'class="differs"' not in three
    assert "Kassen manglede 5,00\xa0kr ved optællingen." in three and 'class="diff"' in three

    four = _card(page, 4)
    assert "venter på transaktioner" in four and "har ikke sendt alle transaktioner i nr. 6-6" in four
    assert "differs" not in four and "Salg (netto)" not in four  # no false difference
    upload(token, day4)  # now it is uploaded and matches
    four = _card(client_for("leader").get(f"{C}/closings").content.decode(), 4)
    assert "badge good" in four and "venter" not in four
    # one kiosk only
    assert "Z 1" in client_for("fin").get(f"{C}/closings?kiosk=kiosk-9").content.decode()
    assert "Ingen dagsafslutninger" in client_for("fin").get(f"{C}/closings?kiosk=kiosk-x").content.decode()


def test_kiosk_pages_speak_english(kiosk_day):
    leader = client_for("leader", HTTP_ACCEPT_LANGUAGE="en")
    _closing(kiosk_day["token"], z_report(kiosk_day["items"]))
    page = leader.get(f"{C}/closings").content.decode()
    assert "Day closings" in page and "rejected transaction in the range was not booked" in page
    assert "Rejected transactions" in leader.get(f"{C}/rejections").content.decode()
    assert "Add a kiosk" in leader.get(f"{C}/kiosks").content.decode()


def test_rejections_audit_and_ledger_speak_words_with_the_code_in_small_print(kiosk_day):
    """A leader reads "Varen findes ikke i hubben." (the code unknown_product in small print), the
    child's name beside its id, the transaction's kind in words; the audit log's actions in words; an
    imported opening balance reads "Startsaldo (import)"."""
    from hub.clubs.models import Child

    leader = client_for("leader")
    name = Child.objects.get(club__club_id=CLUB, child_id="c-01").display_name
    child = f'{name} <small class="muted">(c-01)</small>'
    for path in (f"{C}/rejections", f"{C}/rejections/{kiosk_day['rejected'].pk}", f"{C}/"):
        page = leader.get(path).content.decode()
        assert "Varen findes ikke i hubben." in page and '<small class="muted">unknown_product' in page, path
        assert child in page, path
    page = leader.get(f"{C}/rejections/{kiosk_day['rejected'].pk}").content.decode()
    assert "<td>Salg</td>" in page and "<td>sale</td>" not in page
    en = client_for("leader", HTTP_ACCEPT_LANGUAGE="en").get(f"{C}/rejections").content.decode()
    assert "The product is not known to the hub." in en
    # the audit log: the action in words, the code in small print
    assert leader.post(f"{C}/products/new", {"name": "Suppe", "price": "10", "category": "food", "active": "on"}
                       ).status_code == 302  # fmt: skip
    page = leader.get(f"{C}/audit").content.decode()
    assert "Vare oprettet" in page and '<small class="muted">product.create</small>' in page
    # the demo's children came with opening balances from the snapshot import
    from hub.ledger.models import Entry

    assert Entry.objects.filter(child__child_id="c-01", kind="opening", note="opening balance (import)").exists()
    page = leader.get(f"{C}/children/c-01/ledger").content.decode()
    assert "Kiosk: Salg" in page and "Kiosk: Kontant optankning i kiosken" in page
    assert "Startsaldo (import)" in page and "opening balance (import)" not in page
