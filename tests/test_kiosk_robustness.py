"""The kiosk when things go wrong around it: clocks that jump, a full disk or read-only ledger,
a second kiosk on the same ledger; and what the checkout tells the child before paying."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import event

from pos_app.domain.checkout import Decline
from pos_app.services.checkout import (
    Approved,
    CheckoutService,
    CheckoutSettings,
    Declined,
    Identified,
    Ignored,
    Unavailable,
)
from tests.conftest import ROOT, run_cli, simulate
from tests.support.sim import METTE, T0
from tests.support.ui import shot, wait_screen


# --- what the child is told -------------------------------------------------------------------
def test_checkout_tells_room_and_daily_left_before_paying(checkout):
    ida = checkout.tap("BARN05")  # daily limit 20 kr, nothing spent
    assert isinstance(ida, Identified)
    assert ida.daily_left_ore == 2000 and ida.room_ore == min(2000, ida.balance_ore)
    checkout.add("toast", 2)  # 30 kr
    out = checkout.pay()
    assert isinstance(out, Declined) and out.reason is Decline.DAILY_LIMIT
    assert out.daily_left_ore == 2000  # "Du kan bruge 20,00 kr mere i dag": true, nothing was spent
    checkout.remove("toast")
    assert isinstance(checkout.pay(), Approved)
    checkout._clock.set(checkout._clock.now() + timedelta(seconds=5))
    again = checkout.tap("BARN05")
    assert again.daily_left_ore == 500 and again.room_ore == 500
    oscar = checkout.tap("BARN04")  # 3,00 kr
    assert oscar.room_ore == 300 and oscar.daily_left_ore is None
    checkout.add("toast")
    out = checkout.pay()
    assert isinstance(out, Declined) and out.reason is Decline.INSUFFICIENT_FUNDS and out.balance_ore == 300


def test_checkout_shows_catalogue_prices_unless_the_club_chooses_own(demo_engine, clock):
    for shown, tile, basket in (("catalogue", 1500, 3000), ("own", 750, 1500)):
        co = CheckoutService(demo_engine, clock, CheckoutSettings(prices_shown=shown))
        noah = co.tap("BARN02")  # friplads 50 %
        toast = next(o for o in noah.offers if o.product.product_id == "toast")
        assert (toast.shown_ore, toast.unit_net_ore) == (tile, 750)
        co.add("toast", 2)
        view = co.basket()
        assert (view.shown_ore, view.net_ore) == (basket, 1500)  # the friplads price is what is paid
        co.cancel()
        clock.set(clock.now() + timedelta(seconds=2))


def test_config_prices_shown_is_checked(tmp_path):
    from pos_app.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text('[checkout]\nprices_shown = "own"\n')
    assert load_config(path).prices_shown == "own"
    path.write_text('[checkout]\nprices_shown = "cheap"\n')
    with pytest.raises(ConfigError, match="prices_shown"):
        load_config(path)


# --- clocks that jump ---------------------------------------------------------------------------
def test_repeat_tap_guard_uses_monotonic_time(checkout, clock):
    assert isinstance(checkout.tap("BARN01"), Identified)
    checkout.cancel()
    clock.set(clock.now() - timedelta(hours=1))  # a time sync sets the wall clock back an hour
    assert isinstance(checkout.tap("BARN01"), Ignored)  # no time has passed: still the same tap
    clock.set(clock.now() + timedelta(seconds=2))  # two seconds later
    assert isinstance(checkout.tap("BARN01"), Identified)  # the wall clock says -59 min: handled anyway


def test_walkaway_ignores_a_wall_clock_jump_forward(checkout, clock):
    checkout.tap("BARN01")
    clock.set(clock.now() - timedelta(days=1))  # set back a day: not "time passing"
    assert not checkout.expire_if_idle()
    clock.set(clock.now() + timedelta(seconds=31))
    assert checkout.expire_if_idle()


def test_business_days_x_z_and_journal_survive_clock_jumps(sim_db):
    back = "2026-11-24T14:00:00+01:00"
    out = simulate(sim_db, [
        T0, {"tap": "BARN01"}, {"add": "toast"}, {"pay": True},
        {"clock": back}, {"clock": "2026-11-24T14:00:02+01:00"},  # set back a day, then time goes on
        {"tap": "BARN01"}, {"add": "bun"}, {"pay": True},
        METTE, {"x_report": True}, {"close_day": {"cash_counted_ore": 0}}, {"leave_staff": True},
        {"clock": "2026-11-24T14:00:05+01:00"}, {"tap": "BARN02"}, {"add": "bun"}, {"pay": True},
        {"clock": "2026-11-26T15:00:00+01:00"}, {"tap": "BARN03"}, {"add": "bun"}, {"pay": True},  # forward
        METTE, {"close_day": {"cash_counted_ore": 0}},
    ])  # fmt: skip
    assert [o["event"] for o in out if o["event"] in ("approved", "z_report", "x_report")] == [
        "approved", "approved", "x_report", "z_report", "approved", "approved", "z_report"]
    x, z1, z2 = out[10]["report"], out[11]["report"], out[22]["report"]
    assert x["business_date"] == z1["business_date"] == "2026-11-25"  # the open day went on
    assert z1["counts"]["sale"] == 2 and z1["z_number"] == 1
    rows = [json.loads(line) for line in run_cli("journal", "--db", str(sim_db)).stdout.splitlines()]
    # Never back to the 24th: after the Z the next day keeps the last date; the jump forward moves on.
    assert [r["business_date"] for r in rows] == ["2026-11-25", "2026-11-25", "2026-11-25", "2026-11-26"]
    assert z2["z_number"] == 3 and z2["business_date"] == "2026-11-26"  # the 25th's second day closed as Z 2
    assert run_cli("journal", "--db", str(sim_db), "--verify").returncode == 0


def test_offline_is_not_triggered_by_a_clock_set_back(demo_engine, clock):
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=2 * 3600))
    assert co.sync_online()  # synced an hour ago
    clock.set(clock.now() - timedelta(days=1))  # the last sync now looks like it is in the future
    assert co.sync_online()
    clock.set(clock.now() + timedelta(days=1, hours=2))
    assert not co.sync_online()  # forward past the limit: offline, the cap applies


# --- a ledger that cannot be written ----------------------------------------------------------------
def _read_only(engine, *holders: CheckoutService) -> object:
    """Every connection opened from now on is read-only. dispose() closes the pooled ones; a checkout
    holds its own from its first tap on, so it is closed too (its next use reconnects, read-only)."""

    def on_connect(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA query_only=ON")

    event.listen(engine, "connect", on_connect)
    engine.dispose()
    for checkout in holders:
        checkout.close()
    return on_connect


def test_read_only_ledger_refuses_cleanly_and_recovers(demo_engine, clock):
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    hook = _read_only(demo_engine)
    assert isinstance(co.tap("BARN01"), Identified)  # reading still works
    co.add("toast")
    out = co.pay()
    assert isinstance(out, Unavailable) and "readonly" in out.cause
    assert co.child is None and co.basket().lines == ()  # the basket is cleared, nothing charged
    assert any("could not be stored" in w and "free space" in w for w in co.warnings)  # for staff
    event.remove(demo_engine, "connect", hook)
    demo_engine.dispose()
    clock.set(clock.now() + timedelta(seconds=2))
    co.tap("BARN01")
    co.add("toast")
    approved = co.pay()
    assert isinstance(approved, Approved) and approved.seq == 1 and approved.balance_ore == 3500


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs in a private mount namespace needs root")
def test_full_disk_refuses_every_sale_then_recovers_by_itself(tmp_path):
    proc = subprocess.run(["unshare", "-m", sys.executable, "-m", "tests.support.full_disk_probe",
                           str(tmp_path / "small")], capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout.splitlines()[-1])
    assert all(o["event"] == "error" and "disk is full" in o["message"] for o in facts["full"])
    assert facts["session_after"] is False and facts["free_bytes_reported"] < 64 * 1024
    assert facts["disk_low"] is True  # what the devices screen and --self-check warn about
    assert facts["after"]["event"] == "approved" and facts["after"]["seq"] == 1  # space back: sells again
    assert facts["journal_rows"] == 1 and facts["integrity"] == "ok"


def test_ui_unstorable_sale_asks_for_a_grown_up(qtbot, tmp_path, clock):
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from pos_app.bootstrap import Kiosk, fresh_demo_db
    from pos_app.config import Config
    from pos_app.ui.shell import KioskShell

    engine = fresh_demo_db(tmp_path / "demo.sqlite")
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "demo.sqlite")
    kiosk = Kiosk(cfg, engine, clock, CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9)), True)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    try:
        win.bridge.on_card("BARN01")
        wait_screen(qtbot, win, "session")
        qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
        _read_only(engine, kiosk.checkout)
        qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
        wait_screen(qtbot, win, "declined")
        assert win.declined.message.text() == "Kiosken kan ikke tage imod betaling lige nu"
        assert win.declined.ask.text() == "Spørg en voksen" and not win.declined.back.isVisible()
        shot(win, "declined-kiosk-unavailable")
        assert kiosk.checkout.child is None
    finally:
        shell.shutdown()
        engine.dispose()


# --- one kiosk per ledger ----------------------------------------------------------------------------
def test_second_kiosk_on_the_same_ledger_is_refused_and_touches_nothing(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"))  # fmt: skip
    cmd = [sys.executable, "-m", "pos_app", "--db", str(tmp_path / "x.sqlite"), "--demo", "--windowed"]
    first = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "demo-ledger.sqlite.lock"
    ledger = tmp_path / "demo-ledger.sqlite"
    try:
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().strip() == str(first.pid) and ledger.exists()):
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the first kiosk did not start"
            time.sleep(0.1)
        time.sleep(1.0)
        before = (ledger.stat().st_ino, ledger.stat().st_mtime_ns)
        second = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert second.returncode == 3
        assert "already running" in second.stderr and "nothing was changed" in second.stderr
        assert (ledger.stat().st_ino, ledger.stat().st_mtime_ns) == before  # the demo ledger was not replaced
        assert first.poll() is None  # the first kiosk runs on
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=30)
    assert first.returncode == 0


def test_devices_screen_warns_about_low_disk_space(qtbot):
    from pos_app.services.devices import LOW_DISK_BYTES, DiskSpace
    from pos_app.ui.devices_screen import DevicesScreen

    screen = DevicesScreen()
    qtbot.addWidget(screen)
    screen.show_disk(DiskSpace("/x", 50 * 2**30, 100 * 2**30))
    assert screen.disk.text() == "Diskplads: 51.200 MB fri" and "⚠" not in screen.disk.text()
    screen.show_disk(DiskSpace("/x", LOW_DISK_BYTES - 1, 100 * 2**30))
    assert screen.disk.text().startswith("⚠ Diskplads: 199 MB fri")


def test_journal_refuses_a_file_that_is_not_a_ledger_and_changes_nothing(tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    proc = run_cli("journal", "--db", str(other))
    assert proc.returncode == 2 and "is not a kiosk ledger" in proc.stderr and "Traceback" not in proc.stderr
    assert other.read_bytes() == before  # not migrated, not touched
    missing = run_cli("journal", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 2 and "no kiosk ledger" in missing.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_open_day_on_a_clock_set_back_keeps_the_open_day(sim_db):
    out = simulate(sim_db, [T0, {"tap": "BARN01"}, {"add": "toast"}, {"pay": True},
                            {"clock": "2026-11-24T14:00:00+01:00"}, METTE,
                            {"open_day": True, "opening_float_ore": 0}])  # fmt: skip
    assert out[-1] == {"event": "declined", "reason": "day_already_open"}  # no spurious Z for the 25th
    con = __import__("sqlite3").connect(sim_db)
    assert con.execute("SELECT count(*) FROM day_closings").fetchone()[0] == 0
