"""`journal` prints the contract's format; `journal --verify` catches edits, removals and insertions."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from pos_app.domain.journal import chain_hash
from tests.conftest import run_cli, simulate

CONTRACT_FIELDS = ["txn_id", "seq", "kind", "child_id", "card_uid", "staff_id", "occurred_at", "business_date",
                   "lines", "gross_ore", "subsidy_ore", "net_ore", "balance_delta_ore", "friplads_pct",
                   "refers_to", "note", "offline", "prev_hash", "hash"]  # fmt: skip
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "j.sqlite"
    snap = tmp_path / "snap.json"
    snap.write_text(run_cli("demo-snapshot").stdout)
    assert run_cli("import-snapshot", "--db", str(path), str(snap)).returncode == 0
    lines: list[dict] = []
    for i, (card, product) in enumerate([("BARN01", "toast"), ("BARN02", "toast"), ("BARN03", "juice"),
                                         ("BARN10", "milk"), ("BARN11", "apple")]):  # fmt: skip
        lines += [{"clock": f"2026-11-25T14:0{i}:00.250+01:00"}, {"tap": card}, {"add": product, "qty": 2},
                  {"pay": True}]  # fmt: skip
    out = simulate(path, lines)
    assert [o["seq"] for o in out if o["event"] == "approved"] == [1, 2, 3, 4, 5]
    return path


def journal(db: Path) -> list[dict]:
    proc = run_cli("journal", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_journal_prints_the_contract_format(db):
    items = journal(db)
    assert len(items) == 5
    for item in items:
        assert list(item) == CONTRACT_FIELDS
        assert UUID_RE.match(item["txn_id"])
        assert item["occurred_at"].endswith("+01:00") and re.search(r"\.\d{3}\+", item["occurred_at"])
        assert item["business_date"] == "2026-11-25"
        assert item["gross_ore"] == item["subsidy_ore"] + item["net_ore"]
        assert item["balance_delta_ore"] == -item["net_ore"]
        assert chain_hash(item) == item["hash"]
        for line in item["lines"]:
            assert list(line) == ["product_id", "qty", "unit_price_ore", "gross_ore", "subsidy_ore", "net_ore"]
    assert items[0]["prev_hash"] == "0" * 64
    assert all(items[i]["prev_hash"] == items[i - 1]["hash"] for i in range(1, 5))
    noah = items[1]
    assert (noah["friplads_pct"], noah["subsidy_ore"], noah["net_ore"]) == (50, 1500, 1500)
    assert items[0]["occurred_at"] == "2026-11-25T14:00:00.250+01:00"


def test_verify_ok(db):
    proc = run_cli("journal", "--db", str(db), "--verify")
    assert proc.returncode == 0
    assert "5 transactions" in proc.stdout


def _sql(db: Path, statement: str) -> None:
    con = sqlite3.connect(db)
    con.execute(statement)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("statement", "bad_seq"),
    [
        ("UPDATE journal SET net_ore = net_ore - 100 WHERE seq = 3", 3),
        ("UPDATE journal SET lines = '[]' WHERE seq = 2", 2),
        ("UPDATE journal SET lines = 'not json' WHERE seq = 4", 4),
        ("DELETE FROM journal WHERE seq = 2", 2),
        ("DELETE FROM journal WHERE seq = 5", 5),
        ("UPDATE journal SET hash = '" + "a" * 64 + "' WHERE seq = 5", 5),
        ("INSERT INTO journal SELECT 6, 'e0000000-0000-4000-8000-000000000006', kind, child_id, card_uid, staff_id,"
         " occurred_at, business_date, lines, gross_ore, subsidy_ore, net_ore, balance_delta_ore, friplads_pct,"
         " refers_to, note, offline, hash, hash, child_cum_delta_ore, figures_date, day_spent_net_ore,"
         " day_offline_sales_net_ore FROM journal WHERE seq = 5", 6),
    ],
)
def test_verify_names_the_first_bad_seq(db, statement, bad_seq):
    _sql(db, statement)
    proc = run_cli("journal", "--db", str(db), "--verify")
    assert proc.returncode == 1
    assert f"seq {bad_seq}:" in proc.stdout


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE journal SET child_cum_delta_ore = child_cum_delta_ore + 50 WHERE seq = 2",
         "running figures wrong for child c-02 at seq 2: running sum"),
        ("UPDATE journal SET day_spent_net_ore = 0 WHERE seq = 3",
         "running figures wrong for child c-03 at seq 3: running sum -1000 øre, on 2026-11-25 spent 0 øre"),
        ("UPDATE journal SET day_offline_sales_net_ore = day_offline_sales_net_ore + 1 WHERE seq = 1",
         "running figures wrong for child c-01 at seq 1:"),
        ("UPDATE journal SET figures_date = '2026-11-24' WHERE seq = 4",
         "running figures wrong for child c-10 at seq 4: running sum"),
    ],
)  # fmt: skip
def test_verify_checks_the_running_figures_against_the_journal(db, statement, expected):
    _sql(db, statement)
    proc = run_cli("journal", "--db", str(db), "--verify")
    assert proc.returncode == 1, proc.stdout
    assert expected in proc.stdout
    assert "Traceback" not in proc.stderr


def test_import_snapshot_rejects_bad_input_and_changes_nothing(db, tmp_path):
    before = journal(db)
    bad = tmp_path / "bad.json"
    for content in ["{not json", json.dumps({"club_id": "demo-klub"}), json.dumps([1, 2]),
                    json.dumps({"club_id": "demo-klub", "kiosk_id": "kiosk-1", "cursor": "x", "more": False,
                                "kiosk_applied_seq": 0, "children": [{"child_id": "c-01", "deleted": False,
                                "display_name": "A", "friplads_pct": 101}], "cards": [], "products": [],
                                "staff": []})]:  # fmt: skip
        bad.write_text(content)
        proc = run_cli("import-snapshot", "--db", str(db), str(bad))
        assert proc.returncode == 2, content
        assert "club-kiosk:" in proc.stderr and "Traceback" not in proc.stderr
    out = simulate(db, [{"clock": "2026-11-25T15:00:00+01:00"}, {"tap": "BARN01"}])
    assert out[1]["display_name"] == "Alma H."  # the cache is as before
    assert journal(db) == before


def test_import_snapshot_for_another_kiosk_is_refused_once_there_is_a_journal(db, tmp_path):
    doc = json.loads(run_cli("demo-snapshot").stdout)
    doc["kiosk_id"] = "kiosk-2"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc))
    proc = run_cli("import-snapshot", "--db", str(db), str(other))
    assert proc.returncode == 2 and "kiosk-2" in proc.stderr


def test_journal_into_a_pipe_closed_early_exits_0(db, tmp_path):
    """``club-kiosk journal | head -1``: the reader closes the pipe; no traceback, exit 0."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    many = [{"clock": "2026-11-25T14:00:00+01:00"}]
    for i in range(40):
        many += [{"clock": f"2026-11-25T14:{i + 1:02d}:00+01:00"}, {"tap": "BARN03"}, {"add": "bun"}, {"pay": True}]
    simulate(db, many)
    kiosk = subprocess.Popen([sys.executable, "-m", "pos_app", "journal", "--db", str(db)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    head = subprocess.run(["head", "-1"], stdin=kiosk.stdout, capture_output=True, text=True, timeout=60)
    assert kiosk.stdout is not None
    kiosk.stdout.close()  # only head holds the pipe's read end now
    assert kiosk.wait(60) == 0
    stderr = kiosk.stderr.read().decode() if kiosk.stderr else ""
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert json.loads(head.stdout)["seq"] == 1
