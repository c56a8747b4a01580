"""The finance exports (``club-hub export ...``) against data that real kiosks made: ``club-kiosk
simulate`` sold, refunded, voided, topped up and closed days over the October/November boundary, and
``club-kiosk sync --once`` uploaded it to a real ``club-hub serve``. The sums the tests expect are
computed here from ``club-kiosk journal`` of those kiosks, independently of the hub's code. Every SAF-T
file is validated again with lxml against the XSD; golden files of a small fixed club are compared byte
for byte (``UPDATE_GOLDEN=1`` rewrites them; look at the diff before committing)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT
from tests.support.finance import fixed_club, journal, two_kiosks_over_a_month_boundary
from tests.support.hub import CLUB, Chain, HubServer, hub_ok

XSD = ROOT / "hub" / "finance" / "xsd" / "Norwegian_SAF-T_Cash_Register_Schema_v_1.00.xsd"
NS = {"s": "urn:StandardAuditFile-Taxation-CashRegister:NO"}
GOLDEN = ROOT / "tests" / "golden"


def export(url: str, kind: str, *args: str) -> tuple[int, str]:
    """``club-hub export KIND --database URL ARGS...``: (exit code, stderr)."""
    res = subprocess.run([sys.executable, "-m", "hub", "export", kind, "--database", url, *args],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)  # fmt: skip
    return res.returncode, res.stderr


def rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body), delimiter=";"))


def valid_saft(path: Path) -> etree._ElementTree:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(path))
    schema.assertValid(doc)
    return doc


@pytest.fixture(scope="module")
def sold(hub_databases, tmp_path_factory):
    """Two real kiosks' sales synced to a real hub on PostgreSQL; the hub's URL and the kiosks' journals."""
    folder = tmp_path_factory.mktemp("finance")
    url, template = hub_databases.fresh("postgresql")
    hub = HubServer(url, folder)
    try:
        dbs = two_kiosks_over_a_month_boundary(hub, template.tokens, folder)
    finally:
        hub.stop()
    items = [t for db in dbs.values() for t in journal(db)]
    return url, items, folder


def month_of(t: dict) -> str:
    return t["business_date"][:7]


def test_finance_bills_equal_the_kiosks_journals_and_returns_land_in_their_month(sold, tmp_path):
    url, items, _folder = sold
    account_children = {"c-07"}  # the demo club's account-mode child
    for month, code in (("2026-10", 0), ("2026-11", 3)):
        out = tmp_path / f"bills-{month}.csv"
        rc, err = export(url, "bills", "--month", month, str(out))
        assert rc == code, err
        expected: dict[str, dict[str, int]] = defaultdict(lambda: {"net": 0, "ret": 0, "sub": 0})
        for t in items:
            if month_of(t) != month or t["child_id"] not in account_children:
                continue
            if t["kind"] == "sale":
                expected[t["child_id"]]["net"] += t["net_ore"]
                expected[t["child_id"]]["sub"] += t["subsidy_ore"]
            elif t["kind"] in ("refund", "void"):
                expected[t["child_id"]]["ret"] += t["net_ore"]
                expected[t["child_id"]]["sub"] -= t["subsidy_ore"]
        got = {r["child_id"]: r for r in rows(out) if r["club_id"] == CLUB}
        assert set(got) == account_children
        for child, e in expected.items():
            r = got[child]
            got_sums = (int(r["net_sales_ore"]), int(r["returns_ore"]), int(r["subsidy_ore"]))
            assert got_sums == (e["net"], e["ret"], e["sub"])
            amount = e["net"] - e["ret"]
            assert int(r["amount_ore"]) == amount
            assert r["amount_kr"] == ("-" if amount < 0 else "") + f"{abs(amount) // 100},{abs(amount) % 100:02d}"
            assert r["display_name"] == "Ella J." and r["month"] == month
    october, november = (rows(tmp_path / f"bills-{m}.csv")[0] for m in ("2026-10", "2026-11"))
    # the pizza sale of 31 October, voided on 1 November: sold in October, returned in November
    assert int(october["returns_ore"]) == 0 and int(november["returns_ore"]) == 2000 + 600
    first = (tmp_path / "bills-2026-11.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# IKKE LUKKET: klub demo-klub kiosk kiosk-1 dag 2026-11-02")


def test_finance_subsidy_equals_the_kiosks_journals(sold, tmp_path):
    url, items, _folder = sold
    for month, code in (("2026-10", 0), ("2026-11", 3)):
        out = tmp_path / f"subsidy-{month}.csv"
        rc, err = export(url, "subsidy", "--month", month, "--club", CLUB, "--club", "other-klub", str(out))
        assert rc == code, err
        expected: dict[tuple[str, int], int] = defaultdict(int)
        for t in items:
            if month_of(t) == month and t["friplads_pct"] > 0 and t["kind"] in ("sale", "refund", "void"):
                expected[(t["child_id"], t["friplads_pct"])] += t["subsidy_ore"] * (1 if t["kind"] == "sale" else -1)
        got = {(r["child_id"], int(r["friplads_pct"])): int(r["subsidy_ore"]) for r in rows(out)}
        assert got == dict(expected) and got
    nov = {(r["child_id"]): int(r["subsidy_ore"]) for r in rows(tmp_path / "subsidy-2026-11.csv")}
    assert nov["c-02"] == -1500  # October's toast x2 at 50 %, refunded in November


def test_finance_ledger_balances_each_day_and_equals_the_journals(sold, tmp_path):
    url, items, _folder = sold
    out = tmp_path / "ledger.csv"
    rc, err = export(url, "ledger", "--from", "2026-10-31", "--to", "2026-11-02", str(out))
    assert rc == 3 and "2026-11-02" in err, err  # 2 November has no Z report
    ledger = rows(out)
    per_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_account: dict[str, int] = defaultdict(int)  # debit - credit
    for r in ledger:
        per_day[r["date"]][0] += int(r["debit_ore"])
        per_day[r["date"]][1] += int(r["credit_ore"])
        per_account[r["account"]] += int(r["debit_ore"]) - int(r["credit_ore"])
    assert set(per_day) == {"2026-10-31", "2026-11-01", "2026-11-02"}
    assert all(d == c and d > 0 for d, c in per_day.values()), per_day

    def total(key: str, *kinds: str) -> int:
        return sum(t[key] for t in items if t["kind"] in kinds)

    assert per_account["3000"] == -total("gross_ore", "sale")
    assert per_account["3050"] == total("gross_ore", "refund", "void")
    assert per_account["1300"] == total("subsidy_ore", "sale") - total("subsidy_ore", "refund", "void")
    assert per_account["7950"] == 500  # kiosk-1 counted 45 kr for 50 kr of top-ups on 31 October
    assert per_account["1000"] == total("net_ore", "topup_cash") - 500
    assert per_account["7900"] == total("balance_delta_ore", "adjustment")  # money given to a family is a cost
    account_delta = sum(t["balance_delta_ore"] for t in items if t["child_id"] == "c-07")
    prepaid_delta = sum(t["balance_delta_ore"] for t in items if t["child_id"] != "c-07")
    assert per_account["1100"] == -account_delta > 0  # what the account family owes
    assert per_account["2100"] == -prepaid_delta  # the liability moves with the prepaid balances
    sources = {r["source_id"] for r in ledger}
    assert {f"txn:{t['txn_id']}" for t in items} <= sources


def test_finance_saft_file_is_valid_and_carries_every_transaction(sold, tmp_path):
    url, items, _folder = sold
    out = tmp_path / "saft.xml"
    rc, err = export(url, "saft-cash-register", "--club", CLUB, "--from", "2026-10-31", "--to", "2026-11-01", str(out))
    assert rc == 0, err
    doc = valid_saft(out)
    regs = doc.findall(".//s:cashregister", NS)
    assert [r.findtext("s:registerID", namespaces=NS) for r in regs] == ["kiosk-1", "kiosk-2"]
    expected = {t["hash"]: t for t in items if t["business_date"] <= "2026-11-01"}
    got = doc.findall(".//s:cashtransaction", NS)
    assert len(got) == len(expected)
    for ct in got:
        t = expected[ct.findtext("s:signature", namespaces=NS)]
        assert ct.findtext("s:nr", namespaces=NS) == str(t["seq"])
        assert ct.findtext("s:transID", namespaces=NS) == t["txn_id"].replace("-", "")
        assert len(ct.findall("s:ctLine", NS)) == len(t["lines"])
    z = doc.findall(".//s:eventReport", NS)
    assert [e.findtext("s:reportType", namespaces=NS) for e in z] == ["Z report"] * 3
    assert doc.findtext(".//s:company/s:companyIdent", namespaces=NS) == CLUB
    # the same data gives the same bytes
    again = tmp_path / "again.xml"
    assert export(url, "saft-cash-register", "--club", CLUB, "--from", "2026-10-31", "--to", "2026-11-01",
                  str(again))[0] == 0  # fmt: skip
    assert again.read_bytes() == out.read_bytes()
    # every club (no --club): one file per club, each valid (a SAF-T file has one company)
    rc, err = export(url, "saft-cash-register", "--from", "2026-10-31", "--to", "2026-11-01", str(tmp_path / "all.xml"))
    assert rc == 0, err
    for club in (CLUB, "other-klub"):
        doc = valid_saft(tmp_path / f"all-{club}.xml")
        assert doc.findtext(".//s:company/s:companyIdent", namespaces=NS) == club
    assert not (tmp_path / "all.xml").exists()
    # a period with a day not closed: written, valid, and says so first (exit 3)
    rc, err = export(url, "saft-cash-register", "--club", CLUB, "--from", "2026-11-01", "--to", "2026-11-02",
                     str(tmp_path / "open.xml"))  # fmt: skip
    assert rc == 3 and "2026-11-02" in err, err
    doc = valid_saft(tmp_path / "open.xml")
    assert (tmp_path / "open.xml").read_text(encoding="utf-8").splitlines()[1].startswith("<!-- IKKE LUKKET: club")
    assert "2026-11-02 has no Z report" in doc.findtext(".//s:header/s:headerComment", namespaces=NS)


def test_finance_saft_refuses_a_broken_record_and_writes_nothing(hub_databases, tmp_path):
    url, template = hub_databases.fresh("sqlite")
    hub = HubServer(url, tmp_path)
    try:
        chain = Chain()
        good = chain.next(occurred_at="2026-10-14T15:00:00.000+02:00")
        # a product id of 40 characters: the hub stores the sale (rejected: no such product) and the
        # SAF-T export must carry it, but artID allows 35 characters
        bad = chain.next(lines=[("p" * 40, 1, 100)], occurred_at="2026-10-14T15:01:00.000+02:00")
        r = hub.request("POST", "/v1/kiosks/kiosk-1/transactions", template.tokens["kiosk-1"],
                        {"transactions": [good, bad]})  # fmt: skip
        assert [x["status"] for x in r.json()["results"]] == ["accepted", "rejected"], r.text
    finally:
        hub.stop()
    out = tmp_path / "saft.xml"
    rc, err = export(url, "saft-cash-register", "--club", CLUB, "--from", "2026-10-01", "--to", "2026-10-31", str(out))
    assert rc == 2, err
    assert "artID" in err and "nothing written" in err
    assert not out.exists() and list(tmp_path.glob(".saft.xml*")) == []
    # the day before it is fine
    rc, err = export(url, "saft-cash-register", "--club", CLUB, "--from", "2026-10-01", "--to", "2026-10-13", str(out))
    assert rc == 0, err
    valid_saft(out)


def test_finance_exports_refuse_bad_input_and_write_nothing(hub_databases, tmp_path):
    url, _template = hub_databases.fresh("sqlite")
    out = tmp_path / "x.csv"
    accounts = tmp_path / "accounts.toml"
    accounts.write_text('[accounts]\nsales = "3000"\nbeer = "9999"\n')
    for kind, args, says in (
        ("bills", ["--month", "2026-13"], "YYYY-MM"),
        ("bills", ["--month", "2026-10", "--club", "no-such-club"], "no club"),
        ("subsidy", ["--month", "oktober"], "YYYY-MM"),
        ("ledger", ["--from", "2026-10-31", "--to", "2026-10-01"], "after"),
        ("ledger", ["--from", "2026-10-01", "--to", "2026-10-31", "--accounts", str(accounts)], "beer"),
        ("ledger", ["--from", "2026-10-01", "--to", "2026-10-31", "--accounts", str(tmp_path / "no.toml")], "no.toml"),
        ("saft-cash-register", ["--from", "2026-10-01", "--to", "31-10-2026"], "YYYY-MM-DD"),
    ):  # fmt: skip
        rc, err = export(url, kind, *args, str(out))
        assert rc == 2 and says in err, (kind, args, err)
        assert not out.exists() and list(tmp_path.glob(".x.csv*")) == []
    rc, err = export(url, "bills", "--month", "2026-10", str(tmp_path / "no-folder" / "x.csv"))
    assert rc == 2 and "no folder" in err


GOLDEN_FILES = {
    "finance-bills-2026-10.csv": ("bills", "--month", "2026-10"),
    "finance-subsidy-2026-10.csv": ("subsidy", "--month", "2026-10"),
    "finance-ledger-2026-10.csv": ("ledger", "--from", "2026-10-01", "--to", "2026-10-31"),
    "finance-saft-2026-10.xml": ("saft-cash-register", "--from", "2026-10-01", "--to", "2026-10-31"),
}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_finance_golden_files_of_a_small_fixed_club(backend, hub_databases, tmp_path):
    url, template = hub_databases.fresh(backend)
    hub = HubServer(url, tmp_path)
    try:
        fixed_club(hub, template.tokens["kiosk-1"])
    finally:
        hub.stop()
    accounts = tmp_path / "accounts.toml"
    accounts.write_text('[accounts]\nprovider = "1031"\n')  # a mapping file is read (the default otherwise)
    for name, (kind, *args) in GOLDEN_FILES.items():
        out = tmp_path / name
        rc, err = export(url, kind, "--club", CLUB, *args, str(out))
        assert rc == 0, (name, err)
        if name.endswith(".xml"):
            valid_saft(out)
        golden = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") and backend == "sqlite":
            GOLDEN.mkdir(exist_ok=True)
            golden.write_bytes(out.read_bytes())
        assert out.read_bytes() == golden.read_bytes(), f"{name} differs from tests/golden/{name}"
    ledger = rows(tmp_path / "finance-ledger-2026-10.csv")
    days = defaultdict(int)
    for r in ledger:
        days[r["date"]] += int(r["debit_ore"]) - int(r["credit_ore"])
    assert set(days.values()) == {0} and len(days) == 3  # the opening balances' day and the two kiosk days
    hub_ok("check", database=url)
