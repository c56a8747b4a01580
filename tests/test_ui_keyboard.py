"""Every staff path from a keyboard-wedge card reader and a keyboard alone (no PC/SC reader): a staff
card's code + Enter opens the PIN pad, the PIN is typed, a new card for a child is typed. Only key
events, sent where the keyboard's focus is, as a USB keyboard-wedge reader types."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.bootstrap import build_kiosk
from pos_app.config import Config, DevicesConfig
from pos_app.domain.clock import SettableClock
from pos_app.ui.shell import KioskShell
from tests.support.ui import shot, wait_screen


@pytest.fixture
def kiosk_ui(qtbot, tmp_path: Path):
    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite", offline_after_s=10**9,
                  devices=DevicesConfig(printer="none", card_reader=False))  # fmt: skip
    kiosk = build_kiosk(cfg, demo=True, clock=clock, with_devices=False)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win, kiosk
    shell.shutdown()
    kiosk.engine.dispose()


def type_keys(qtbot, text: str) -> None:
    """Keys to whatever has the focus (the window when nothing does), then Enter."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    qtbot.keyClicks(target, text)
    qtbot.keyClick(QApplication.focusWidget() or target, Qt.Key.Key_Return)


def test_keyboard_staff_code_pin_and_new_card(qtbot, kiosk_ui):
    win, kiosk = kiosk_ui
    type_keys(qtbot, "04AABBCCDD0001")  # Mette's staff card, as a keyboard-wedge reader types it
    wait_screen(qtbot, win, "pin")
    qtbot.waitUntil(lambda: "Mette" in win.pin.band.text(), timeout=3000)  # the PIN pad names her
    shot(win, "keyboard-pin")
    type_keys(qtbot, "1234")  # the PIN on the keyboard
    wait_screen(qtbot, win, "staff")
    s = win.staff_screen
    qtbot.keyClicks(s.search, "Alma")
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    s.children_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: s.child_id == "c-01", timeout=3000)
    s.search.setFocus()  # the search field had the focus: the new card's code must not end up in it
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(s.findChild(QPushButton, "staff-assign"), Qt.MouseButton.LeftButton)
    type_keys(qtbot, "04C0FFEE000001")  # the new card, typed by the wedge reader
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)  # never given without a confirmation
    assert s.confirm.text.text() == "Giv det nye kort 04C0FFEE000001 til Alma H.?"
    qtbot.mouseClick(s.confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Kortet er givet til" in s.status.text(), timeout=3000)
    assert s.search.text() == "Alma"
    shot(win, "keyboard-new-card")
    with kiosk.engine.connect() as conn:
        from pos_app.storage.ledger import Ledger

        card = Ledger().card(conn, "04C0FFEE000001")
    assert card is not None and card.child_id == "c-01"


def test_keyboard_child_code_unknown_code_and_product_at_idle(qtbot, kiosk_ui):
    win, _kiosk = kiosk_ui
    type_keys(qtbot, "5701234567899")  # a product scanned at the idle screen
    wait_screen(qtbot, win, "declined")
    assert win.declined.message.text() == "Bip dit kort først"
    shot(win, "keyboard-scan-first")
    type_keys(qtbot, "NOPE-NOT-A-CODE")
    qtbot.waitUntil(lambda: win.declined.message.text() == "Den kode kender jeg ikke", timeout=3000)
    type_keys(qtbot, "BARN01")
    wait_screen(qtbot, win, "session")
    type_keys(qtbot, "5701234567899")  # now the toast goes in the basket
    qtbot.waitUntil(lambda: win.session.total.text() == "I alt 15,00 kr", timeout=3000)
