"""The hub survives a restore (and a stolen kiosk): ``pg_dump`` taken mid-day, more sales and a
back-office top-up, then the database restored from the dump. ``club-hub check`` reports what the
restore lost (from the trail kept outside the database) and exits 1; the kiosks find ``expected_seq``
lower at their next sync, upload again, and the hub ends with every transaction; the lost top-up stays
reported until a person acts."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import run_cli
from tests.support.hub import CLUB, HubServer, hub_ok, run_hub, sql, token_file
from tests.support.office import add_leader
from tests.support.sync import Kiosk
from tests.test_hub_kiosks import kiosk_sync
from tests.test_hub_office_e2e import Office

pytestmark = pytest.mark.survival


def _pg(hub_databases, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    pg = hub_databases.postgres
    return subprocess.run([*pg.as_user, str(pg.bindir / tool), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "hub",
                           *args], capture_output=True, text=True, timeout=120, cwd=pg.folder)  # fmt: skip


def _balance(url: str, child_id: str) -> int:
    rows = sql(url, "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c ON c.id = b.child_id "
                    "JOIN hub_clubs_club k ON k.id = c.club_id WHERE k.club_id = %s AND c.child_id = %s",
               CLUB, child_id)  # fmt: skip
    return int(rows[0][0])


def test_hub_restored_from_a_dump_gets_everything_back_and_reports_what_is_lost(hub_databases, tmp_path):
    url, template = hub_databases.fresh("postgresql")
    dbname = url.rsplit("/", 1)[1]
    trail = tmp_path / "trail.jsonl"  # outside the database: not restored with it
    env = {"CLUB_HUB_TRAIL": str(trail)}
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path, env=env)
    try:
        kiosk = Kiosk(tmp_path / "kiosk-1.sqlite")
        token = token_file(template, tmp_path, "kiosk-1")
        db = kiosk.engine.url.database
        kiosk.sales(5)
        assert "accepted 5" in kiosk_sync(db, hub, "kiosk-1", token)
        office = Office(hub, "mette")
        child = f"/office/c/{CLUB}/children/c-02"
        assert office.post(child + "/topup", {"amount": "50,00", "method": "cash"}, page=child).status_code == 302

        dump = hub_databases.postgres.folder / f"{dbname}.dump"  # mid-day: the nightly (or hourly) pg_dump
        res = _pg(hub_databases, "pg_dump", "-Fc", "-f", str(dump), dbname)
        assert res.returncode == 0, res.stderr

        kiosk.sales(4)  # after the dump: 4 more sales, decided and acknowledged ...
        assert "accepted 4" in kiosk_sync(db, hub, "kiosk-1", token)
        assert office.post(child + "/topup", {"amount": "75,00", "method": "bank"}, page=child).status_code == 302
        topped_up = _balance(url, "c-02")  # ... and a top-up in the office
        check = run_hub("check", "--trail", str(trail), database=url)
        assert check.returncode == 0 and check.stdout.strip().endswith("0 problem(s)"), check.stdout
        hub.stop()

        # the database server's disk is lost: the database is restored from the dump
        assert _pg(hub_databases, "dropdb", dbname).returncode == 0
        assert _pg(hub_databases, "createdb", dbname).returncode == 0
        res = _pg(hub_databases, "pg_restore", "--no-owner", "-d", dbname, str(dump))
        assert res.returncode == 0, res.stderr
        assert sql(url, "SELECT applied_seq FROM hub_clubs_kiosk WHERE kiosk_id = 'kiosk-1'") == [(5,)]

        check = run_hub("check", "--trail", str(trail), database=url)
        assert check.returncode == 1, check.stdout + check.stderr
        lines = check.stdout.splitlines()
        assert any(re.search(r"kiosk kiosk-1: the hub acknowledged seq 9 .* holds only up to seq 5", x) for x in lines)
        lost = [x for x in lines if x.startswith("lost: back-office change")]
        assert len(lost) == 1 and "child c-02" in lost[0], lines  # the bank top-up, not the one before the dump
        assert "mette" not in check.stdout  # the trail names no person
        assert lines[-1] == f"{len(lines) - 1} problem(s)"

        hub = HubServer(url, tmp_path, env=env)
        status = hub.request("GET", "/v1/kiosks/kiosk-1/status", template.tokens["kiosk-1"]).json()
        assert status["expected_seq"] == 6  # lower than the kiosk knows: it uploads 6..9 again
        out = kiosk_sync(db, hub, "kiosk-1", token)
        assert "accepted 4" in out, out
        rows = sql(url, "SELECT seq, txn_id FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k "
                        "ON k.id = t.kiosk_id WHERE k.kiosk_id = 'kiosk-1' ORDER BY seq")  # fmt: skip
        journal = kiosk.journal()
        assert rows == [(t["seq"], t["txn_id"]) for t in journal] and len(rows) == 9  # everything, once, in order
        assert _balance(url, "c-02") == topped_up - 7500  # all sales back; only the lost top-up is missing
        assert kiosk.balances()["c-02"] == _balance(url, "c-02")

        check = run_hub("check", "--trail", str(trail), database=url)
        assert check.returncode == 1
        assert not [x for x in check.stdout.splitlines() if x.startswith("kiosk ")]  # the kiosk caught up
        assert [x for x in check.stdout.splitlines() if x.startswith("lost:")] == lost  # still to be made again
        assert check.stdout.strip().endswith("1 problem(s)")
        missing = run_hub("check", "--trail", str(tmp_path / "no-such-trail.jsonl"), database=url)
        assert missing.returncode == 2 and "no trail file" in missing.stderr  # a typo is not "no problems"
    finally:
        hub.stop()


def test_a_stolen_kiosks_token_rotated_stops_it_and_its_unsent_sales_arrive_with_the_new_one(hub_databases, tmp_path):
    """``club-hub add-kiosk --rotate`` (the back office's rotate and revoke are built elsewhere): the old
    token answers 401 at once; the kiosk's history stays; its sales made before it got the new token are
    accepted once it has it."""
    url, template = hub_databases.fresh("sqlite")
    hub = HubServer(url, tmp_path)
    try:
        kiosk = Kiosk(tmp_path / "kiosk-1.sqlite")
        db = kiosk.engine.url.database
        token = token_file(template, tmp_path, "kiosk-1")
        kiosk.sales(3)
        assert "accepted 3" in kiosk_sync(db, hub, "kiosk-1", token)
        new_token = tmp_path / "kiosk-1.new.token"
        hub_ok("add-kiosk", "--club", CLUB, "kiosk-1", "--token-file", str(new_token), "--rotate", database=url)
        old = template.tokens["kiosk-1"]
        assert hub.request("GET", "/v1/kiosks/kiosk-1/status", old).status_code == 401  # at once
        kiosk.sales(2)  # sold meanwhile, not sent
        stopped = run_cli("sync", "--once", "--db", str(db), "--url", hub.url, "--club", CLUB, "--kiosk", "kiosk-1",
                          "--token-file", str(token))  # fmt: skip
        assert stopped.returncode == 2  # a person must act: the kiosk (or the thief) is shut out
        assert sql(url, "SELECT applied_seq FROM hub_clubs_kiosk WHERE kiosk_id = 'kiosk-1'") == [(3,)]
        out = kiosk_sync(db, hub, "kiosk-1", new_token)  # the superuser gives the kiosk its new token
        assert "accepted 2" in out, out
        rows = sql(url, "SELECT t.seq FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k ON k.id = t.kiosk_id "
                        "WHERE k.kiosk_id = 'kiosk-1' ORDER BY t.seq")  # fmt: skip
        assert [r[0] for r in rows] == [1, 2, 3, 4, 5]  # its history kept, nothing twice
        assert hub_ok("check", database=url).strip().endswith("0 problem(s)")
    finally:
        hub.stop()
