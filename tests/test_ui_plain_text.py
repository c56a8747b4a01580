"""Names from the ledger are shown as plain text everywhere, never rendered as rich text.

QLabel's default text format (Qt.AutoText) renders anything that looks like markup: a product named
``Te <font color=red size=7>GRATIS</font>`` would say a big red GRATIS on the "Tak" screen, and a child named
``<i>Lille</i>`` would be greeted in italics. Anyone who can edit products or import children could change
what the children see. A real SQLite ledger, the real window, offscreen; a screenshot of each screen."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_app.bootstrap import build_kiosk
from pos_app.config import Config, DevicesConfig
from pos_app.domain.clock import SettableClock
from pos_app.ui.shell import KioskShell
from tests.support.ui import shot, wait_screen

METTE = "04AABBCCDD0001"
PRODUCT = "Te <font color=red size=7>GRATIS</font> <b>fed</b> <img src=x> <script>alert(1)</script>"
CHILD = "<i>Lille</i> <b>Noah</b> <font color=red>P.</font> <img src=x> <script>x</script>"
STAFF = "<b>Mette</b> <font color=red>Boss</font>"
CATEGORY = "<b>mad</b>"
MARKUP = re.compile(r"<\s*(b|i|font|img|script)\b", re.IGNORECASE)  # the markup the data above carries


def assert_all_plain(win, where: str) -> int:
    """Every visible QLabel shows plain text, or (a label meant to hold markup) no markup from the data;
    no tooltip carries the data's markup unescaped. Returns how many labels were checked."""
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    QApplication.processEvents()
    labels = [label for label in win.findChildren(QLabel) if label.isVisible()]
    assert labels, where
    for label in labels:
        plain = label.textFormat() == Qt.TextFormat.PlainText
        assert plain or not MARKUP.search(label.text()), (where, label.objectName(), label.text())
    for widget in win.findChildren(QWidget):
        tip = widget.toolTip()
        assert not MARKUP.search(tip), (where, widget.objectName(), tip)
    return len(labels)


def all_text(win) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in win.findChildren(QLabel) if label.isVisible())


def settle(qtbot, win) -> None:
    """A press right after a screen change is dropped on purpose (``ActivityFilter.SETTLE_S``): wait it out."""
    from pos_app.ui.shell import ActivityFilter

    qtbot.waitUntil(lambda: time.monotonic() - win.switched_at > ActivityFilter.SETTLE_S, timeout=3000)


@pytest.fixture
def marked_up(qtbot, tmp_path: Path):
    from sqlalchemy import text

    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    devices = DevicesConfig(printer="file", printer_folder=str(tmp_path / "r"))
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite", done_screen_s=1.5,
                  offline_after_s=10**9, devices=devices)  # fmt: skip
    kiosk = build_kiosk(cfg, demo=True, clock=clock, with_devices=False)
    with kiosk.engine.begin() as conn:  # as if edited in the back office / imported from a file
        conn.execute(text("UPDATE products SET name = :n, category = :c WHERE product_id = 'toast'"),
                     {"n": PRODUCT, "c": CATEGORY})  # fmt: skip
        conn.execute(text("UPDATE children SET display_name = :n WHERE child_id = "
                          "(SELECT child_id FROM cards WHERE card_uid = 'BARN02')"), {"n": CHILD})  # fmt: skip
        conn.execute(text("UPDATE staff SET display_name = :n WHERE card_uid = :c"), {"n": STAFF, "c": METTE})
        conn.execute(text("UPDATE kiosk_state SET catalogue_generation = catalogue_generation + 1"))
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win, clock, kiosk
    shell.shutdown()
    kiosk.engine.dispose()


def test_ui_names_with_markup_show_literally_everywhere(qtbot, marked_up):
    from PySide6.QtWidgets import QPushButton

    win, clock, kiosk = marked_up
    checked = assert_all_plain(win, "idle")
    # A child session: the greeting, the tile, the basket line, then "Tak" with what was bought.
    win.bridge.on_card("BARN02")
    wait_screen(qtbot, win, "session")
    settle(qtbot, win)
    assert win.session.hello.text() == "Hej <i>Lille</i>!"
    assert win.session.hello.textFormat() == Qt.TextFormat.PlainText
    assert win.session.tiles["toast"].full_name == PRODUCT  # painted with drawText: plain by nature
    assert any(b.text() == CATEGORY for b in win.session.findChildren(QPushButton))  # a push button is plain
    qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
    checked += assert_all_plain(win, "session")
    assert PRODUCT in all_text(win)  # the basket line
    shot(win, "plain-text-session")
    qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "done")
    assert win.done.bought.text() == f"1 × {PRODUCT}"
    assert win.done.bought.textFormat() == Qt.TextFormat.PlainText
    assert win.done.thanks.text() == "Tak, <i>Lille</i>!"
    checked += assert_all_plain(win, "done")
    shot(win, "plain-text-done")
    qtbot.waitUntil(lambda: win.screen_name == "idle", timeout=5000)  # the "Tak" screen times out
    # Staff: the PIN pad says whose card, the child's page with the purchase and its lines, the alerts.
    clock.set(clock.now() + timedelta(seconds=10))
    win.bridge.on_card(METTE)
    wait_screen(qtbot, win, "pin")
    assert win.pin.band.text() == f"{STAFF}: tast din PIN"
    checked += assert_all_plain(win, "pin")
    settle(qtbot, win)
    for key in [*"1234", "OK"]:
        qtbot.mouseClick(win.pin.keys[key], Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "staff")
    settle(qtbot, win)
    s = win.staff_screen
    qtbot.keyClicks(s.search, "lille")
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    s.children_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: s.child_title.text().startswith(CHILD), timeout=3000)
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    s.purchases.setCurrentRow(0)  # the receipt's lines
    qtbot.waitUntil(lambda: any(PRODUCT in box.text() for box in s._line_boxes()), timeout=3000)  # check boxes
    assert s.child_title.textFormat() == Qt.TextFormat.PlainText
    checked += assert_all_plain(win, "staff child")
    shot(win, "plain-text-staff-child")
    # The adjustment's confirmation quotes the child's name.
    before = s.child_title.text()
    qtbot.keyClicks(s.adjust_amount, "-1,00")
    qtbot.keyClicks(s.adjust_note, "<b>note</b>")
    qtbot.mouseClick(s.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    checked += assert_all_plain(win, "staff confirm")
    shot(win, "plain-text-staff-confirm")
    qtbot.mouseClick(s.confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.child_title.text() != before and s.child_title.text().startswith(CHILD), timeout=3000)
    s.tabs.setCurrentIndex(2)  # alerts: the audit log names the staff member, the child and the note
    qtbot.mouseClick(s.findChild(QPushButton, "staff-refresh"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("<b>note</b>" in s.alerts.item(i).text() for i in range(s.alerts.count())),
                    timeout=3000)  # fmt: skip
    checked += assert_all_plain(win, "staff alerts")
    shot(win, "plain-text-staff-alerts")
    # The devices screen: what a card test read shows.
    win.show_devices()
    wait_screen(qtbot, win, "devices")
    win.devices.show_result("Kort: <b>DEADBEEF</b>")
    assert win.devices.result.textFormat() == Qt.TextFormat.PlainText
    checked += assert_all_plain(win, "devices")
    shot(win, "plain-text-devices")
    assert checked >= 30  # the walk really looked at the labels of every screen


def test_ui_device_tooltip_and_elided_button_tooltip_are_escaped(qtbot, marked_up):
    from drivers.protocols import DeviceState, DeviceStatus
    from pos_app.ui.widgets import FitButton, plain_tooltip

    win, _clock, _kiosk = marked_up
    win.idle.set_device_status(DeviceStatus("printer", DeviceState.ERROR, "<b>jam</b>\nline 2"))
    assert win.idle.devices.toolTip() == "<qt>printer: &lt;b&gt;jam&lt;/b&gt;<br>line 2</qt>"
    button = FitButton(PRODUCT)
    qtbot.addWidget(button)
    button.resize(60, 40)
    button.show()
    qtbot.waitExposed(button)
    assert button.shown_text().endswith("…") and button.toolTip() == plain_tooltip(PRODUCT)
    assert not MARKUP.search(button.toolTip())
    assert plain_tooltip("Alma: 12,50 kr & mere") == "Alma: 12,50 kr & mere"  # no markup: as it is


def test_no_label_in_the_kiosk_ui_is_made_without_the_plain_text_helper():
    """A new ``QLabel(...)`` would default to AutoText again: labels are made by ``plain_label`` (or are a
    FitLabel, plain as well); the helper itself is the one place that constructs a QLabel."""
    ui = Path(__file__).resolve().parents[1] / "pos_app" / "ui"
    offenders = [f"{path.name}:{n}" for path in sorted(ui.glob("*.py")) if path.name != "widgets.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\bQLabel\(", line) or "setTextFormat(Qt.TextFormat.AutoText" in line]  # fmt: skip
    assert offenders == []
