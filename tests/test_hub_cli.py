"""``club-hub``'s commands: exit codes, nothing changed on bad input, tokens written 0600 and never
overwritten, imports that are all or nothing and idempotent, ``check`` finding tampering."""

from __future__ import annotations

import json
import sqlite3
import stat

from tests.support.hub import CLUB, demo_file, hub_ok, run_hub, sql

COUNTS = ("SELECT (SELECT COUNT(*) FROM hub_clubs_child), (SELECT COUNT(*) FROM hub_clubs_card), "
          "(SELECT COUNT(*) FROM hub_clubs_product), (SELECT COUNT(*) FROM hub_ledger_entry), "
          "(SELECT MAX(version) FROM hub_clubs_club)")  # fmt: skip


def test_hub_cli_clubs_kiosks_and_tokens(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    assert run_hub("migrate", database="sqlite:///relative.sqlite").returncode == 2
    assert run_hub("migrate", database="mysql://x/y").returncode == 2
    hub_ok("migrate", database=url)
    hub_ok("migrate", database=url)  # again: nothing to do
    hub_ok("add-club", CLUB, "Demo klub", database=url)
    res = run_hub("add-club", CLUB, "Another name", database=url)
    assert res.returncode == 2 and "exists" in res.stderr
    assert sql(url, "SELECT name FROM hub_clubs_club") == [("Demo klub",)]
    assert run_hub("add-club", "bad id!", "X", database=url).returncode == 2
    token = tmp_path / "k1.token"
    out = hub_ok("add-kiosk", "--club", CLUB, "kiosk-1", "--token-file", str(token), database=url)
    first = token.read_text().strip()
    assert stat.S_IMODE(token.stat().st_mode) == 0o600 and len(first) >= 40 and first not in out
    assert sql(url, "SELECT COUNT(*) FROM hub_clubs_kiosk WHERE token_sha256 LIKE %s", f"%{first}%") == [(0,)]
    res = run_hub("add-kiosk", "--club", CLUB, "kiosk-1", "--token-file", str(tmp_path / "other"), database=url)
    assert res.returncode == 2 and not (tmp_path / "other").exists()
    res = run_hub("add-kiosk", "--club", CLUB, "kiosk-2", "--token-file", str(token), database=url)
    assert res.returncode == 2 and token.read_text().strip() == first  # never overwrites a file
    assert sql(url, "SELECT kiosk_id FROM hub_clubs_kiosk") == [("kiosk-1",)]
    res = run_hub("add-kiosk", "--club", CLUB, "kiosk-9", "--rotate", "--token-file", str(tmp_path / "r"),
                  database=url)  # fmt: skip
    assert res.returncode == 2 and not (tmp_path / "r").exists()
    res = run_hub("add-kiosk", "--club", "nope", "kiosk-3", "--token-file", str(tmp_path / "n"), database=url)
    assert res.returncode == 2 and not (tmp_path / "n").exists()
    before = sql(url, "SELECT token_sha256 FROM hub_clubs_kiosk")
    hub_ok("add-kiosk", "--club", CLUB, "kiosk-1", "--rotate", "--token-file", str(tmp_path / "k1b"), database=url)
    assert sql(url, "SELECT token_sha256 FROM hub_clubs_kiosk") != before
    pw = tmp_path / "pw"
    pw.write_text("a long enough pass phrase\n")
    hub_ok("add-user", "--role", "leader", "--club", CLUB, "leader1", "--password-file", str(pw), database=url)
    assert run_hub("add-user", "--role", "leader", "leader2", "--password-file", str(pw), database=url).returncode == 2
    assert run_hub("add-user", "--role", "finance", "leader1", "--password-file", str(pw),
                   database=url).returncode == 2  # fmt: skip
    weak = tmp_path / "weak"
    weak.write_text("1234\n")
    assert run_hub("add-user", "--role", "finance", "fin", "--password-file", str(weak), database=url).returncode == 2
    hub_ok("add-user", "--role", "finance", "fin", "--password-file", str(pw), database=url)
    rows = sql(url, "SELECT u.username, p.role FROM auth_user u JOIN hub_clubs_profile p ON p.user_id = u.id "
                    "ORDER BY u.username")  # fmt: skip
    assert rows == [("fin", "finance"), ("leader1", "leader")]
    assert "pass phrase" not in str(sql(url, "SELECT password FROM auth_user"))


def test_hub_cli_import_snapshot_is_all_or_nothing_and_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    hub_ok("migrate", database=url)
    hub_ok("add-club", CLUB, "Demo klub", database=url)
    good = demo_file(tmp_path)
    snap = json.loads(good.read_text())
    bad = tmp_path / "bad.json"
    broken = json.loads(good.read_text())
    broken["products"][3]["price_ore"] = -5
    bad.write_text(json.dumps(broken))
    res = run_hub("import-snapshot", "--club", CLUB, str(bad), database=url)
    assert res.returncode == 2 and "products[3]" in res.stderr.replace(".products[3]", "products[3]")
    assert sql(url, COUNTS) == [(0, 0, 0, 0, 0)]  # nothing at all
    other = {**snap, "club_id": "another-club"}
    bad.write_text(json.dumps(other))
    assert run_hub("import-snapshot", "--club", CLUB, str(bad), database=url).returncode == 2
    bad.write_text("{not json")
    assert run_hub("import-snapshot", "--club", CLUB, str(bad), database=url).returncode == 2
    orphan = json.loads(good.read_text())
    orphan["cards"][5]["child_id"] = "c-nobody"
    bad.write_text(json.dumps(orphan))
    res = run_hub("import-snapshot", "--club", CLUB, str(bad), database=url)
    assert res.returncode == 2 and "cards[5]" in res.stderr
    assert sql(url, COUNTS) == [(0, 0, 0, 0, 0)]
    hub_ok("import-snapshot", "--club", CLUB, str(good), database=url)
    after_first = sql(url, COUNTS)
    assert after_first[0][:4] == (20, 42, 16, 20)
    out = hub_ok("import-snapshot", "--club", CLUB, str(good), database=url)  # the same file again
    assert "created nothing; updated nothing; deleted nothing" in out and sql(url, COUNTS) == after_first
    snap["children"][0]["balance_ore"] = 1  # a later import with another balance leaves the ledger alone
    snap["children"][1]["display_name"] = "Bo B."
    snap["cards"][0] = {"card_uid": snap["cards"][0]["card_uid"], "deleted": True}
    good.write_text(json.dumps(snap))
    out = hub_ok("import-snapshot", "--club", CLUB, str(good), database=url)
    assert "ledger is left alone" in out and "Bo B." not in out  # says so, without names
    assert '"children": 1' in out and '"cards": 1' in out
    rows = sql(url, "SELECT COUNT(*), SUM(amount_ore) FROM hub_ledger_entry")
    assert rows == [(20, sum(c["balance_ore"] for c in json.loads(demo_file(tmp_path).read_text())["children"]))]
    assert sql(url, "SELECT deleted FROM hub_clubs_card WHERE card_uid = %s", snap["cards"][0]["card_uid"]) == [(1,)]
    assert hub_ok("check", database=url).strip() == "0 problem(s)"


def test_hub_cli_check_finds_tampering(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    hub_ok("migrate", database=url)
    hub_ok("add-club", CLUB, "Demo klub", database=url)
    hub_ok("import-snapshot", "--club", CLUB, str(demo_file(tmp_path)), database=url)
    with sqlite3.connect(tmp_path / "hub.sqlite") as conn:
        conn.execute("UPDATE hub_ledger_balance SET balance_ore = balance_ore + 100 WHERE rowid = 3")
    res = run_hub("check", database=url)
    assert res.returncode == 1 and "c-03: balance" in res.stdout and "1 problem(s)" in res.stdout
