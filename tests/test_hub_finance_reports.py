"""The finance reports in the back office (``/office/finance/``) with Django's test client on a real
SQLite file: who sees what (finance every club side by side, a leader their own club, staff and
anonymous visitors nothing), the CSV downloads, a bad period shown beside its field, and the page's
Content-Security-Policy (scripts from the hub only, no inline script or style)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.support.hub import CLUB, OTHER_CLUB, Chain
from tests.support.office import client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")
URL = "/office/finance/"
PERIOD = {"start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture
def sales():
    """kiosk-a of the demo club sold 3 toasts (one refunded) and had one transaction rejected; kiosk-b
    of the other club sold a pizza. Booked by the hub's own service, as the API does."""
    from hub.api.services import book_transactions
    from hub.clubs import services
    from hub.clubs.models import Child, Kiosk

    services.import_snapshot(OTHER_CLUB, _other_snapshot())
    assert Child.objects.filter(club__club_id=OTHER_CLUB).exists()
    a, _ = services.add_kiosk(CLUB, "kiosk-a")
    b, _ = services.add_kiosk(OTHER_CLUB, "kiosk-b")
    chain = Chain()
    items = [chain.next(child="c-01", occurred_at=f"2026-10-1{i}T15:00:00.000+02:00") for i in range(3)]
    items.append(chain.next("refund", child="c-01", card=None, refers_to=items[0]["txn_id"],
                            occurred_at="2026-10-14T15:00:00.000+02:00"))  # fmt: skip
    items.append(chain.next(child="c-01", lines=[("no-such-product", 1, 100)],
                            occurred_at="2026-10-14T16:00:00.000+02:00"))  # fmt: skip
    status, answer = book_transactions(a.pk, items)
    assert status == 200 and [r["status"] for r in answer["results"]][-1] == "rejected", answer
    other = Chain()
    status, answer = book_transactions(Kiosk.objects.get(pk=b.pk).pk, [
        other.next(child="x-01", card=None, lines=[("pizza", 1, 2000)], occurred_at="2026-10-12T15:00:00.000+02:00")])
    assert status == 200 and answer["results"][0]["status"] == "accepted", answer


def _other_snapshot() -> dict:
    return {"club_id": OTHER_CLUB, "kiosk_id": "kiosk-b", "cursor": "v1", "more": False, "kiosk_applied_seq": 0,
            "children": [{"child_id": "x-01", "display_name": "Ane X.", "friplads_pct": 0, "payment_mode": "prepaid",
                          "balance_ore": 5000, "balance_applied_seq": 0, "daily_limit_ore": None,
                          "credit_limit_ore": 0, "restrictions": [], "blocked": False, "deleted": False}],
            "cards": [], "staff": [],
            "products": [{"product_id": "pizza", "name": "Pizza", "price_ore": 2000, "friplads_eligible": True,
                          "category": "food", "barcode": None, "tags": [], "active": True, "icon": None,
                          "image_sha256": None, "deleted": False}]}  # fmt: skip


def _csv(res) -> list[dict[str, str]]:
    assert res.status_code == 200 and res["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(res.content.decode("utf-8")), delimiter=";"))


@pytest.mark.parametrize("who, status", [(None, 302), ("staff", 403), ("leader", 200), ("other-leader", 200),
                                         ("fin", 200)])  # fmt: skip
def test_finance_reports_who_may_see_them(who, status, sales):
    client = client_for(who)
    for path in (URL, URL + "sales_per_day.csv", URL + "rejected_open.csv"):
        res = client.get(path, PERIOD)
        assert res.status_code == status, (who, path)
        if status == 302:
            assert res["Location"].startswith("/office/login?next=")


def test_finance_reports_finance_sees_every_club_a_leader_their_own(sales):
    fin = _csv(client_for("fin").get(URL + "sales_per_day.csv", PERIOD))
    assert {r["club_id"] for r in fin} == {CLUB, OTHER_CLUB}
    mine = _csv(client_for("leader").get(URL + "sales_per_day.csv", PERIOD))
    assert {r["club_id"] for r in mine} == {CLUB}
    asked = client_for("leader").get(URL + "sales_per_day.csv", {**PERIOD, "club": OTHER_CLUB})
    assert asked.status_code == 400 and b"pizza" not in asked.content  # another club is not a choice for a leader
    theirs = _csv(client_for("other-leader").get(URL + "sales_per_day.csv", PERIOD))
    assert {r["club_id"] for r in theirs} == {OTHER_CLUB}
    assert [int(r["net_ore"]) for r in theirs] == [2000]
    page = client_for("fin").get(URL, PERIOD).content.decode()
    assert "Demo klub" in page and "Anden klub" in page  # the clubs side by side in the charts' data
    leader_page = client_for("leader").get(URL, PERIOD).content.decode()
    assert "Anden klub" not in leader_page and "x-01" not in leader_page


def test_finance_reports_sums_and_csv(sales):
    client = client_for("leader")
    days = _csv(client.get(URL + "sales_per_day.csv", PERIOD))
    assert [(r["date"], int(r["sales_net_ore"]), int(r["returns_net_ore"])) for r in days] == [
        ("2026-10-10", 1500, 0), ("2026-10-11", 1500, 0), ("2026-10-12", 1500, 0), ("2026-10-14", 0, 1500)]
    products = _csv(client.get(URL + "sales_per_product.csv", PERIOD))
    assert [(r["product_id"], int(r["qty"]), int(r["net_ore"])) for r in products] == [("toast", 2, 3000)]
    # "Salg pr. vare" is labelled by the product's name (the id stays in its own column)
    from hub.clubs.models import Product

    name = Product.objects.get(club__club_id=CLUB, product_id="toast").name
    assert name != "toast" and [r["product_name"] for r in products] == [name]
    html = client.get(URL, PERIOD).content.decode()
    charts = json.loads(re.search(r'id="finance-charts" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert charts["sales_per_product"]["labels"] == [name]
    rejected = _csv(client.get(URL + "rejected_open.csv", PERIOD))
    assert len(rejected) == 1 and rejected[0]["reason"].startswith("unknown_product")
    from hub.ledger.models import KioskTransaction
    from hub.office.kiosk_services import resolve_rejection

    txn = KioskTransaction.objects.get(status="rejected", seq=int(rejected[0]["seq"]),
                                       kiosk__kiosk_id=rejected[0]["kiosk_id"])  # fmt: skip
    resolve_rejection(txn.kiosk.club_id, "leader", txn.pk, "talt med klubben", None)
    assert _csv(client.get(URL + "rejected_open.csv", PERIOD)) == []  # resolved in the office: no longer open
    held = _csv(client.get(URL + "balances_held.csv", PERIOD))
    by_day = {r["date"]: int(r["balance_ore"]) for r in held}
    assert len(by_day) == 31
    assert by_day["2026-10-09"] - by_day["2026-10-31"] == 3000  # three toasts bought, one refunded
    res = client.get(URL + "sales_per_day.csv", PERIOD)
    assert res["Content-Disposition"] == 'attachment; filename="sales_per_day-2026-10-01-2026-10-31.csv"'
    assert client.get(URL + "no_such_report.csv", PERIOD).status_code == 404


def test_finance_reports_page_has_no_inline_script_and_shows_bad_periods_beside_the_field(sales):
    client = client_for("fin")
    res = client.get(URL, PERIOD)
    html = res.content.decode()
    csp = res["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    # the one script without src is the json_script data block (type application/json, never run)
    assert [a for a, body in scripts if "src=" not in a] == [' id="finance-charts" type="application/json"']
    assert " style=" not in html and " onclick=" not in html
    charts = json.loads(re.search(r'id="finance-charts" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert set(charts) >= {"sales_per_day", "sales_per_product", "subsidy_per_month", "balances_held"}
    assert [d["label"] for d in charts["sales_per_day"]["datasets"]] == ["Anden klub", "Demo klub"] or \
        {d["label"] for d in charts["sales_per_day"]["datasets"]} == {"Anden klub", "Demo klub"}
    for name, kind in (("chart.umd.js", "text/javascript"), ("reports.js", "text/javascript"),
                       ("finance.css", "text/css")):  # fmt: skip
        r = client_for(None).get(URL + "static/" + name)
        assert r.status_code == 200 and r["Content-Type"].startswith(kind)
    assert b"Released under the MIT License" in client.get(URL + "static/chart.umd.js").content
    bad = client.get(URL, {"start": "2026-10-31", "end": "2026-10-01"}).content.decode()
    assert "Til-datoen ligger før fra-datoen." in bad and 'class="field has-error"' in bad
    assert "efter forretningsdag" not in bad and "Hent CSV" not in bad  # no period, no reports
    assert client.get(URL + "sales_per_day.csv", {"start": "x", "end": "2026-10-01"}).status_code == 400


def test_finance_reports_in_english(sales):
    page = client_for("leader", HTTP_ACCEPT_LANGUAGE="en").get(URL, PERIOD).content.decode()
    assert "Sales per day" in page and "Download CSV" in page and ">Reports<" in page
    assert "Salg pr. dag" not in page
