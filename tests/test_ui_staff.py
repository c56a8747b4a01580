"""Staff mode in the Qt kiosk, offscreen: PIN pad, the staff screen, a top-up, a void, the Z report."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_app.bootstrap import build_kiosk
from pos_app.config import Config, DevicesConfig
from pos_app.domain.clock import SettableClock
from pos_app.ui.app import KioskShell
from tests.test_ui_kiosk import shot, wait_screen

METTE, JONAS = "04AABBCCDD0001", "04AABBCCDD0002"


@pytest.fixture
def staff_ui(qtbot, tmp_path: Path):
    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    devices = DevicesConfig(printer="file", printer_folder=str(tmp_path / "r"))
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite", done_screen_s=0.3,
                  offline_after_s=10**9, devices=devices)  # fmt: skip
    kiosk = build_kiosk(cfg, demo=True, clock=clock, with_devices=False)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win, clock, kiosk
    shell.shutdown()
    kiosk.demo_finance.stop()
    kiosk.engine.dispose()


def type_pin(qtbot, win, pin: str) -> None:
    for digit in pin + "K":
        key = "OK" if digit == "K" else digit
        qtbot.mouseClick(win.pin.keys[key], Qt.MouseButton.LeftButton)


def buy_toast(qtbot, win, card: str) -> None:
    win.bridge.on_card(card)
    wait_screen(qtbot, win, "session")
    qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
    qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "done")


def unlock(qtbot, win, card: str, pin: str) -> None:
    win.bridge.on_card(card)
    wait_screen(qtbot, win, "pin")
    type_pin(qtbot, win, pin)
    wait_screen(qtbot, win, "staff")


def test_ui_staff_pin_pad_and_roles(qtbot, staff_ui):
    win, _clock, _kiosk = staff_ui
    win.bridge.on_card(JONAS)
    wait_screen(qtbot, win, "pin")
    shot(win, "staff-pin")
    type_pin(qtbot, win, "1111")
    qtbot.waitUntil(lambda: win.pin.message.text() == "Forkert PIN", timeout=3000)
    type_pin(qtbot, win, "4321")
    wait_screen(qtbot, win, "staff")
    assert win.staff_screen.band.text() == "Personale: Jonas (personale)"
    assert not win.staff_screen.tabs.isTabEnabled(win.staff_screen.day_tab_index)  # the day is for superusers
    assert not win.staff_screen.leave_kiosk.isVisible()
    shot(win, "staff-screen")
    qtbot.mouseClick(win.staff_screen.findChild(type(win.session.pay), "staff-leave"), Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "idle")


def test_ui_staff_topup_void_and_z_report(qtbot, staff_ui):
    win, clock, kiosk = staff_ui
    buy_toast(qtbot, win, "BARN01")  # Alma buys a toast first
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    assert s.leave_kiosk.isVisible() and s.tabs.isTabEnabled(s.day_tab_index)
    qtbot.keyClicks(s.search, "alma")
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    assert s.children_list.item(0).text().startswith("Alma H.  35,00 kr")
    s.children_list.itemClicked.emit(s.children_list.item(0))
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    qtbot.keyClicks(s.topup_amount, "20,50")
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-topup"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.status.text() == "Indbetalt, kvittering udskrives", timeout=3000)
    qtbot.waitUntil(lambda: s.purchases.count() == 2, timeout=3000)
    assert s.child_title.text().startswith("Alma H. — 55,50 kr")
    s.purchases.setCurrentRow(1)  # the sale (newest first: top-up, sale)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-void"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.status.text() == "Købet er annulleret", timeout=3000)
    qtbot.waitUntil(lambda: s.child_title.text().startswith("Alma H. — 70,50 kr"), timeout=3000)
    shot(win, "staff-child")
    s.tabs.setCurrentIndex(s.day_tab_index)
    s.counts[2000].setValue(1)  # a 20 kr note
    assert s.cash_total.text() == "Optalt: 20,00 kr"
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-z"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Z-rapport nr. 1" in s.report.toPlainText(), timeout=3000)
    report = s.report.toPlainText()
    assert "-0,50 kr" in report  # counted 20,00 against 20,50 expected
    shot(win, "staff-z")


def test_ui_staff_friplads_calculator_and_idle_timeout(qtbot, staff_ui):
    win, clock, _kiosk = staff_ui
    unlock(qtbot, win, JONAS, "4321")
    s = win.staff_screen
    s.tabs.setCurrentIndex(3)
    s.f_income.setValue(33333)
    s.f_children.setValue(2)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "friplads-calc"), Qt.MouseButton.LeftButton)
    assert s.f_result.text() == "Friplads 52 % — forældrene betaler 48 %"
    shot(win, "staff-friplads")
    clock.set(clock.now() + timedelta(seconds=61))
    wait_screen(qtbot, win, "idle")  # 60 s untouched: back to the children's screen


def test_ui_superuser_adjusts_a_balance_and_resolves_a_rejection(qtbot, staff_ui):
    from sqlalchemy import text

    win, clock, kiosk = staff_ui
    with kiosk.engine.begin() as conn:  # as if the finance side rejected seq 7
        conn.execute(text("INSERT INTO sync_rejections VALUES (7, '00000000-0000-4000-8000-000000000007', "
                          "'unknown product', '2026-11-25T13:00:00+00:00', NULL)"))  # fmt: skip
        conn.execute(text("UPDATE kiosk_state SET sync_blocked = 'transaction conflict at x'"))
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    qtbot.keyClicks(s.search, "noah")
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    s.children_list.itemClicked.emit(s.children_list.item(0))
    qtbot.waitUntil(lambda: s.child_title.text().startswith("Noah P."), timeout=3000)
    assert "friplads 50 %" in s.child_title.text()  # staff may see it; children never do
    qtbot.keyClicks(s.adjust_amount, "-2,50")
    qtbot.keyClicks(s.adjust_note, "rettelse")
    qtbot.mouseClick(s.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.child_title.text().startswith("Noah P. — 37,50 kr"), timeout=3000)
    s.tabs.setCurrentIndex(2)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-refresh"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("adjustment" in s.alerts.item(i).text() for i in range(s.alerts.count())),
                    timeout=3000)  # fmt: skip
    texts = [s.alerts.item(i).text() for i in range(s.alerts.count())]
    assert any("STOPPET" in t for t in texts)
    assert any(t.startswith("log ") and "s-1 adjustment" in t for t in texts)  # the audit log, for superusers
    row = next(i for i in range(s.alerts.count()) if "#7" in s.alerts.item(i).text())
    s.alerts.setCurrentRow(row)
    qtbot.mouseClick(s.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(s.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.status.text() == "Synkroniseringen prøver igen", timeout=3000)
    with kiosk.engine.connect() as conn:
        assert conn.execute(text("SELECT resolved_at IS NOT NULL FROM sync_rejections")).scalar() == 1
        assert conn.execute(text("SELECT sync_blocked FROM kiosk_state")).scalar() is None
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY id"))]
    assert actions[-3:] == ["adjustment", "rejection_resolved", "sync_resumed"]
    shot(win, "staff-alerts")


def test_ui_staff_reprint_and_superuser_settings(qtbot, staff_ui):
    win, clock, kiosk = staff_ui
    buy_toast(qtbot, win, "BARN02")
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, JONAS, "4321")
    s = win.staff_screen
    assert not s.tabs.isTabEnabled(s.settings_tab_index)
    qtbot.keyClicks(s.search, "noah")
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    s.children_list.itemClicked.emit(s.children_list.item(0))
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    s.purchases.setCurrentRow(0)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-reprint"), Qt.MouseButton.LeftButton)
    # This kiosk was built without devices: no printer, and staff are told so (the copy itself is tested
    # in test_printing.py).
    qtbot.waitUntil(lambda: s.status.text() == "Ingen printer sat op", timeout=3000)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-leave"), Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "idle")
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    assert s.tabs.isTabEnabled(s.settings_tab_index)
    assert "printer            file" in s.settings_view.toPlainText()
    assert "token" not in s.settings_view.toPlainText()


def test_ui_superuser_changes_kiosk_settings_now_and_for_the_next_start(qtbot, staff_ui, tmp_path):
    from pos_app.services.kiosk_settings import load_overrides

    win, clock, kiosk = staff_ui
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    s.tabs.setCurrentIndex(s.settings_tab_index)
    s.set_club.clear()
    qtbot.keyClicks(s.set_club, "Fritten Ådalen")
    s.set_walkaway.setValue(10)
    s.set_cap.clear()
    qtbot.keyClicks(s.set_cap, "25,00")
    qtbot.mouseClick(s.findChild(type(win.session.pay), "settings-save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.status.text() == "Indstillingerne er gemt", timeout=3000)
    assert win.idle.club.text() == "Fritten Ådalen"
    assert load_overrides(kiosk.engine) == {"club_name": "Fritten Ådalen", "offline_cap_ore": 2500,
                                            "walkaway_s": 10.0, "done_screen_s": 1.0}  # fmt: skip (fixture: 0.3 -> 1)
    assert kiosk.checkout.settings.offline_cap_ore == 2500
    # Staff cannot change settings; a bad value is refused with a reason.
    assert kiosk.staff.change_settings({"walkaway_s": 1}).as_event() == {"event": "declined", "reason": "invalid_setting"}
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-leave"), Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "idle")
    win.bridge.on_card("BARN01")
    wait_screen(qtbot, win, "session")
    clock.set(clock.now() + timedelta(seconds=11))  # the new 10 s walk-away applies at once
    wait_screen(qtbot, win, "idle")
    shot(win, "idle-renamed")
