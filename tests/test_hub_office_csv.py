"""The back office's CSV import of children, with Django's test client on a real SQLite file: a good file
of 50 children from upload to preview to "Gem" (children, cards, friplads periods, versions, audit); a
file with bad rows shows each row's errors, offers no "Gem" and a forced POST saves nothing; files
refused as a whole; who may import; CSRF; and what the next snapshot carries."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.hub import CLUB, OTHER_CLUB
from tests.support.office import PASSWORD, client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")

C = f"/office/c/{CLUB}"
HEADER = "child_id;display_name;payment_mode;friplads_pct;daily_limit_kr;credit_limit_kr;card_uid"


def _good_file(n: int = 50, bom: bool = True) -> bytes:
    lines = [HEADER]
    for i in range(n):
        mode = "account" if i % 5 == 0 else "prepaid"
        lines.append(f"imp-{i:03d};Barn Æblø {i};{mode};{(i * 10) % 110};20,00;{'1.000' if i % 5 == 0 else ''};"
                     f"04:CC:00:00:00:{i // 256:02X}:{i % 256:02X}")
    return ("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def _upload(client, data: bytes, name: str = "children.csv"):
    return client.post(f"{C}/children/import", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def _counts():
    from hub.clubs.models import Card, Child, Club, FripladsPeriod
    from hub.office.models import AuditEntry

    return (Child.objects.count(), Card.objects.count(), FripladsPeriod.objects.count(), AuditEntry.objects.count(),
            Club.objects.get(club_id=CLUB).version)  # fmt: skip


def test_office_csv_import_of_50_children():
    from django.utils import timezone

    from hub.api.selectors import snapshot
    from hub.clubs.models import Card, Child, Club, FripladsPeriod, Kiosk
    from hub.clubs.services import add_kiosk
    from hub.ledger.models import Balance
    from hub.ledger.selectors import problems
    from hub.office.models import AuditEntry, CsvUpload

    kiosk, _token = add_kiosk(CLUB, "kiosk-csv")
    _status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), None, 1000)
    cursor = doc["cursor"]
    leader = client_for("leader")
    assert "Importér børn fra CSV" in leader.get(f"{C}/children").content.decode()
    before = _counts()
    res = _upload(leader, _good_file())
    assert res.status_code == 302 and res["Location"] == f"{C}/children/import/preview"
    assert _counts() == before  # an upload saves no child
    page = leader.get(res["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("nyt barn") == 50 and "50 nye, 0 ændrede og 0 uændrede" in html
    assert "Barn Æblø 7" in html and 'class="errorlist"' not in html
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    assert sha == hashlib.sha256(_good_file()).hexdigest()
    res = leader.post(f"{C}/children/import/preview", {"sha256": sha})
    assert res.status_code == 302 and res["Location"] == f"{C}/children"
    club = Club.objects.get(club_id=CLUB)
    imported = Child.objects.filter(club=club, child_id__startswith="imp-").order_by("child_id")
    assert imported.count() == 50
    c5 = imported.get(child_id="imp-005")
    assert (c5.display_name, c5.payment_mode, c5.friplads_pct, c5.daily_limit_ore, c5.credit_limit_ore) == \
        ("Barn Æblø 5", "account", 50, 2000, 100_000)  # fmt: skip
    c7 = imported.get(child_id="imp-007")
    assert (c7.payment_mode, c7.friplads_pct, c7.credit_limit_ore) == ("prepaid", 70, 0)
    cards = Card.objects.filter(club=club, child_id__startswith="imp-")
    assert cards.count() == 50 and set(cards.values_list("status", flat=True)) == {"active"}
    assert Card.objects.get(club=club, card_uid="04CC00000000 07".replace(" ", "")).child_id == "imp-007"
    periods = FripladsPeriod.objects.filter(child__in=imported)
    assert periods.count() == 50 and {p.valid_from for p in periods} == {timezone.localdate()}
    assert Balance.objects.filter(child__in=imported, balance_ore=0).count() == 50
    audit = AuditEntry.objects.filter(action="child.import")
    assert audit.count() == 50 and audit.get(target="child imp-007").after["card_uid"] == "04CC0000000007"
    assert CsvUpload.objects.count() == 0  # the kept file is gone once saved
    assert list(problems()) == []
    # the kiosks' next incremental pull carries every new child and card
    _status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), cursor, 1000)
    assert {c["child_id"] for c in doc["children"]} == {f"imp-{i:03d}" for i in range(50)}
    assert len([c for c in doc["cards"] if c["child_id"].startswith("imp-")]) == 50
    assert [c["friplads_pct"] for c in doc["children"] if c["child_id"] == "imp-009"] == [90]
    # the same file again: every child unchanged, nothing written
    before = _counts()
    res = _upload(leader, _good_file(bom=False).replace(b";", b",").replace(b"20,00", b"20"))
    html = leader.get(f"{C}/children/import/preview").content.decode()
    assert "0 nye, 0 ændrede og 50 uændrede" in html, html[:3000]
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    assert leader.post(f"{C}/children/import/preview", {"sha256": sha}).status_code == 302
    assert _counts() == before


def test_office_csv_import_changes_existing_children_with_a_friplads_period():
    from django.utils import timezone

    from hub.clubs.models import Child, FripladsPeriod
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    c01 = Child.objects.get(club__club_id=CLUB, child_id="c-01")
    v0, name0 = c01.version, c01.display_name
    data = f"child_id,friplads_pct,display_name,daily_limit_kr\nc-01,100,{name0},\"12,50\"\n".encode()
    assert _upload(leader, data).status_code == 302
    html = leader.get(f"{C}/children/import/preview").content.decode()
    assert "0 nye, 1 ændrede" in html and "friplads, dagsgrænse ændret" in html  # the fields in Danish
    assert "daily_limit_ore" not in html and "ændret friplads_pct" not in html
    sha = hashlib.sha256(data).hexdigest()
    assert leader.post(f"{C}/children/import/preview", {"sha256": sha}).status_code == 302
    c01.refresh_from_db()
    assert (c01.friplads_pct, c01.daily_limit_ore, c01.display_name) == (100, 1250, name0) and c01.version > v0
    assert FripladsPeriod.objects.filter(child=c01, pct=100, valid_from=timezone.localdate()).exists()
    entry = AuditEntry.objects.get(action="child.import", target="child c-01")
    assert entry.actor == "leader" and entry.before["friplads_pct"] != 100 and entry.after["friplads_pct"] == 100


BAD_ROWS = [  # (a row, words of its error)
    ("bad-1;Ida;cash;0;;;", "ukendt betaling"),
    ("bad-2;Ida;prepaid;101;;;", "0 til 100"),
    ("bad-3;Ida;prepaid;0;12,505;;", "daily_limit_kr"),
    ("bad-4;;prepaid;0;;;", "navnet mangler"),
    ("bad-5;" + "x" * 81 + ";prepaid;0;;;", "over 80 tegn"),
    ("bad-6;Ida;prepaid;0;;;04A1B2C3D40001", "andet barn"),  # c-01's card
    ("bad 7;Ida;prepaid;0;;;", "barne-id"),
    ("imp-001;Igen;prepaid;0;;;", "også i linje 3"),
    ("bad-8;Ida;prepaid;0;;-5;", "credit_limit_kr"),
]


@pytest.mark.parametrize("row,words", BAD_ROWS, ids=[r[1] for r in BAD_ROWS])
def test_office_csv_import_a_bad_row_saves_nothing(row, words):
    from hub.office.models import CsvUpload

    leader = client_for("leader")
    data = "\n".join([HEADER, "imp-000;Alma;prepaid;0;;;", "imp-001;Bo;;;;;", row]).encode()
    before = _counts()
    assert _upload(leader, data).status_code == 302
    res = leader.get(f"{C}/children/import/preview")
    html = res.content.decode()
    assert res.status_code == 200
    row_html = html.split('id="line-4"')[1].split("</tr>")[0]
    assert words.lower() in row_html.lower(), row_html
    assert "1 række har fejl" in html and 'name="sha256"' not in html  # no "Gem"
    # a forced "Gem" with the file's own hash saves nothing
    res = leader.post(f"{C}/children/import/preview", {"sha256": hashlib.sha256(data).hexdigest()})
    assert res.status_code == 400 and "intet er gemt" in res.content.decode()
    assert _counts() == before
    assert CsvUpload.objects.count() == 1  # kept for another look


def test_office_csv_import_refuses_whole_files():
    from hub.office.models import CsvUpload

    leader = client_for("leader")
    before = _counts()
    big_rows = "\n".join([HEADER] + [f"r-{i};Barn;;;;;" for i in range(5001)]).encode()
    cases = [
        (b"child_id;display_name\n" + b"x" * (1024 * 1024), "over 1 MiB"),
        (big_rows, "over 5.000 rækker"),
        ("child_id;display_name\nc-9;Åse\n".encode("latin-1"), "ikke UTF-8"),
        (b"child_id;name\nc-9;Ida\n", "Ukendt kolonne"),
        (b"display_name;payment_mode\nIda;prepaid\n", "child_id mangler"),
        (b"child_id;display_name\n", "ingen rækker"),
    ]
    for data, words in cases:
        res = _upload(leader, data)
        html = res.content.decode()
        assert res.status_code == 400 and 'id="id_file_error"' in html and words in html, (words, html[-3000:])
    assert CsvUpload.objects.count() == 0 and _counts() == before
    # exactly 5,000 rows is fine
    ok = "\n".join([HEADER] + [f"r-{i};Barn {i};;;;;" for i in range(5000)]).encode()
    assert _upload(leader, ok).status_code == 302
    # a row with the wrong number of fields is that row's error
    assert _upload(leader, b"child_id,display_name\nc-9,Ida,extra\n").status_code == 302
    assert "andet antal felter" in leader.get(f"{C}/children/import/preview").content.decode()


def test_office_csv_import_keeps_the_file_on_the_server():
    """The file is the one this user uploaded for this club: another user's session, a changed file
    or a stale hash cannot save it."""
    from hub.clubs.models import Child

    leader = client_for("leader")
    data = _good_file(3)
    assert _upload(leader, data).status_code == 302
    sha = hashlib.sha256(data).hexdigest()
    # a second upload replaces the first; the first preview's hash no longer saves
    data2 = _good_file(2)
    assert _upload(leader, data2).status_code == 302
    res = leader.post(f"{C}/children/import/preview", {"sha256": sha})
    assert res.status_code == 400 and "skiftet" in res.content.decode()
    assert not Child.objects.filter(child_id__startswith="imp-").exists()
    # another leader's session has no file of this club (and it is not their club anyway)
    assert client_for("leader").get(f"{C}/children/import/preview")["Location"] == f"{C}/children/import"
    assert client_for("leader").post(f"{C}/children/import/preview",
                                     {"sha256": hashlib.sha256(data2).hexdigest()}).status_code == 302  # fmt: skip
    assert not Child.objects.filter(child_id__startswith="imp-").exists()
    res = leader.post(f"{C}/children/import/preview", {"sha256": hashlib.sha256(data2).hexdigest()})
    assert res.status_code == 302 and Child.objects.filter(child_id__startswith="imp-").count() == 2


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("leader", 200), ("other-leader", 403), ("staff", 403),
                                        ("fin", 403)])  # fmt: skip
def test_office_csv_import_access(who, status):
    from hub.office.models import CsvUpload

    client = client_for(None if who == "anonymous" else who)
    before = _counts()
    for path in (f"{C}/children/import", f"{C}/children/import/preview"):
        res = client.get(path)
        expected = 302 if path.endswith("preview") and who == "leader" else status  # no file yet: back to upload
        assert res.status_code == expected, (path, res.status_code)
        if who == "anonymous":
            assert res["Location"].startswith("/office/login?next=")
    res = _upload(client, _good_file(2))
    assert res.status_code == (302 if who == "leader" else status)
    if who != "leader":
        assert CsvUpload.objects.count() == 0
        assert _counts() == before
        page = client.get(f"{C}/children").content.decode() if who in ("staff", "fin") else ""
        assert "Importér børn fra CSV" not in page
    if who == "other-leader":  # their own club is open to them
        assert client.get(f"/office/c/{OTHER_CLUB}/children/import").status_code == 200


def test_office_csv_import_needs_the_csrf_token():
    from django.test import Client

    from hub.office.models import CsvUpload

    client = Client(enforce_csrf_checks=True)
    page = client.get("/office/login").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.post("/office/login", {"username": "leader", "password": PASSWORD, "csrfmiddlewaretoken": token})
    data = _good_file(2)
    assert _upload(client, data).status_code == 403  # no token
    assert CsvUpload.objects.count() == 0
    page = client.get(f"{C}/children/import").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    res = client.post(f"{C}/children/import", {"file": SimpleUploadedFile("c.csv", data), "csrfmiddlewaretoken": token})
    assert res.status_code == 302
    before = _counts()
    sha = hashlib.sha256(data).hexdigest()
    assert client.post(f"{C}/children/import/preview", {"sha256": sha}).status_code == 403
    assert _counts() == before
    page = client.get(f"{C}/children/import/preview").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(f"{C}/children/import/preview", {"sha256": sha, "csrfmiddlewaretoken": token}).status_code == 302
    assert _counts()[0] == before[0] + 2


def test_office_csv_import_speaks_english_too():
    leader = client_for("leader", HTTP_ACCEPT_LANGUAGE="en")
    assert "Import children from CSV" in leader.get(f"{C}/children").content.decode()
    data = "\n".join([HEADER, "imp-000;Alma;cash;0;;;"]).encode()
    assert _upload(leader, data).status_code == 302
    html = leader.get(f"{C}/children/import/preview").content.decode()
    assert "Unknown payment mode" in html and "1 row has errors" in html
