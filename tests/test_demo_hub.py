"""``scripts/kiosk``: the demo is the kiosk and a demo club hub (issue 9, "One server, not two").

The real script runs headless in a temporary home: it sets up a club hub on SQLite, serves it on a free
port of 127.0.0.1, starts the kiosk (offscreen, quitting by itself after its first sync round) with a
config that points at the hub, and stops the hub when the kiosk exits."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
from pathlib import Path

from tests.support.hub import ROOT, run_hub

BACK_OFFICE = re.compile(r"^Back office: http://127\.0\.0\.1:(\d+)/office/ — log in as (\S+) / (\S+)$", re.M)


def _serve_processes(port: int) -> list[int]:
    """Processes still running ``club-hub serve`` on ``port``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and str(port).encode() in argv and any(b"club-hub" in a or b"hub" == a for a in argv):
            found.append(int(entry.name))
    return found


def test_scripts_kiosk_starts_the_kiosk_with_a_demo_hub_and_stops_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
           "QT_QPA_PLATFORM": "offscreen", "CLUB_KIOSK_EXIT_WHEN_IDLE": "synced"}  # fmt: skip
    env.pop("CLUB_HUB_DATABASE_URL", None)
    res = subprocess.run(["bash", str(ROOT / "scripts" / "kiosk"), "--lang", "en"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=240)  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr

    # It printed the back office's address and a login that the hub has.
    m = BACK_OFFICE.search(res.stdout)
    assert m, res.stdout
    port, login, password = int(m[1]), m[2], m[3]
    assert (login, password) == ("demo", "demo-kiosk-1234")
    assert "first sync round finished" in res.stdout
    # ... and the parents' portal with a demo letter's sign-up code that the hub knows (issue 10)
    m = re.search(r"Parents: http://127\.0\.0\.1:(\d+)/foraeldre/ .* sign-up code: "
                  r"([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\n", res.stdout)  # fmt: skip
    assert m and int(m[1]) == port, res.stdout
    import hashlib

    with sqlite3.connect(home / "data" / "club-kiosk" / "demo-hub" / "hub.sqlite") as conn:
        codes = conn.execute("SELECT code_sha256, used_at FROM hub_families_signupcode").fetchall()
    assert codes == [(hashlib.sha256(m[2].encode()).hexdigest(), None)]

    demo = home / "data" / "club-kiosk" / "demo-hub"
    hub_db = demo / "hub.sqlite"
    with sqlite3.connect(hub_db) as conn:
        users = conn.execute("SELECT u.username, p.role FROM auth_user u JOIN hub_clubs_profile p ON p.user_id = u.id"
                             ).fetchall()  # fmt: skip
        seen = conn.execute("SELECT last_seen_at FROM hub_clubs_kiosk WHERE kiosk_id = 'kiosk-1'").fetchone()
    assert users == [("demo", "leader")]
    assert seen is not None and seen[0] is not None  # the kiosk called the hub with its token

    # The kiosk synced with the hub (not an in-process server): a cursor of the hub's form, no error.
    with sqlite3.connect(demo / "demo-ledger.sqlite") as conn:
        state = conn.execute("SELECT club_id, kiosk_id, snapshot_cursor, last_sync_error, sync_blocked "
                             "FROM kiosk_state").fetchone()  # fmt: skip
        children = conn.execute("SELECT count(*) FROM children").fetchone()[0]
    assert state[:2] == ("demo-klub", "kiosk-1")
    assert re.fullmatch(r"[vf]\d+", state[2] or ""), state
    assert state[3] is None and state[4] is None, state
    assert children == 20  # the demo club, as the hub sent it
    assert not (demo / "demo-finance.sqlite").exists()

    # The hub's own check passes on what the demo made.
    check = run_hub("check", database=f"sqlite:///{hub_db}")
    assert check.returncode == 0, check.stdout + check.stderr

    # The hub was stopped with the kiosk: nothing serves on its port, no serve process is left.
    assert _serve_processes(port) == []
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
    assert not (demo / "hub.pid").exists()
