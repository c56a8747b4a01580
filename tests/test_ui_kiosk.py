"""The child-facing Qt screens, offscreen, on a real SQLite ledger. Each test saves PNGs of its screens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_app.bootstrap import Kiosk, fresh_demo_db
from pos_app.config import Config
from pos_app.services.checkout import CheckoutService, CheckoutSettings
from pos_app.ui.app import KioskShell
from tests.support.ui import shot, wait_screen


@pytest.fixture
def window(qtbot, tmp_path: Path, clock):
    engine = fresh_demo_db(tmp_path / "demo.sqlite")
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "demo.sqlite", done_screen_s=0.3)
    kiosk = Kiosk(cfg, engine, clock, CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9)), True)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    shell.shutdown()
    engine.dispose()


def test_ui_tap_pick_pay_done_idle(qtbot, window):
    shot(window, "idle")
    assert window.idle.prompt.text() == "Bip dit kort"
    window.bridge.on_card("BARN02")  # Noah, friplads 50 %
    wait_screen(qtbot, window, "session")
    assert window.session.hello.text() == "Hej Noah!"
    assert window.session.balance.text() == "Saldo: 40,00 kr"
    toast = window.session.tiles["toast"]
    assert toast.text() == "Toast\n7,50 kr"  # the price this child pays
    shot(window, "session")
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 7,50 kr", timeout=3000)
    qtbot.mouseClick(window.session.findChild(type(window.session.pay), "plus-toast"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 15,00 kr", timeout=3000)
    shot(window, "basket")
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "done")
    assert window.done.thanks.text() == "Tak, Noah!"
    assert window.done.new_balance.text() == "Ny saldo 25,00 kr"
    shot(window, "done")
    wait_screen(qtbot, window, "idle")


def test_ui_never_shows_friplads_to_the_child(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window.bridge.on_card("BARN03")  # Freja, friplads 100 %
    wait_screen(qtbot, window, "session")
    for tab in window.session.tab_group.buttons():
        qtbot.mouseClick(tab, Qt.MouseButton.LeftButton)
        texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)]
        joined = " ".join(texts).lower()
        assert "friplads" not in joined and "%" not in joined and "tilskud" not in joined


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NOSUCHCARD", "Kortet kender jeg ikke — spørg en voksen"),
        ("BARN99", "Kortet er meldt væk — spørg en voksen"),
        ("BARN98", "Kortet virker ikke — spørg en voksen"),
        ("BARN08", "Du kan ikke købe noget lige nu — spørg en voksen"),
    ],
)
def test_ui_card_declines(qtbot, window, code, message):
    window.bridge.on_card(code)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == message
    assert window.declined.ask.text() == "Spørg en voksen"
    assert not window.declined.back.isVisible()
    shot(window, f"declined-{code}")


def test_ui_insufficient_funds_keeps_basket(qtbot, window):
    window.bridge.on_card("BARN04")  # Oscar has 3,00 kr
    wait_screen(qtbot, window, "session")
    qtbot.mouseClick(window.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.pay.isEnabled(), timeout=3000)
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Du har ikke penge nok på kortet"
    assert window.declined.back.isVisible()
    shot(window, "declined-insufficient")
    qtbot.mouseClick(window.declined.back, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "session")
    assert window.session.total.text() == "I alt 15,00 kr"  # the basket stayed


def test_ui_daily_limit_decline(qtbot, window):
    window.bridge.on_card("BARN05")  # Ida: daily limit 20 kr
    wait_screen(qtbot, window, "session")
    qtbot.mouseClick(window.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 30,00 kr", timeout=3000)
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Du har brugt det, du må i dag"


def test_ui_restricted_product_is_shown_unavailable(qtbot, window):
    window.bridge.on_card("BARN06")  # William: no sugar
    wait_screen(qtbot, window, "session")
    qtbot.mouseClick(window.session.findChild(type(window.session.pay), "tab-drink"), Qt.MouseButton.LeftButton)
    juice = window.session.tiles["juice"]
    assert not juice.isEnabled()
    assert juice.text() == "Saft\nIkke til dig"
    assert window.session.tiles["milk"].isEnabled()
    shot(window, "session-restricted")
    window.bridge.on_code("5701234000020")  # scanning the juice anyway
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Det kan du ikke købe"


def test_ui_empty_basket_cannot_pay_and_walk_away_returns_to_idle(qtbot, window, clock):
    from datetime import timedelta

    window.bridge.on_card("BARN01")
    wait_screen(qtbot, window, "session")
    assert not window.session.pay.isEnabled()
    clock.set(clock.now() + timedelta(seconds=31))
    wait_screen(qtbot, window, "idle")


def test_ui_keyboard_wedge_scan_identifies_child(qtbot, window):
    qtbot.keyClicks(window, "BARN01")
    qtbot.keyClick(window, Qt.Key.Key_Return)
    wait_screen(qtbot, window, "session")
    assert window.session.hello.text() == "Hej Alma!"


def test_ui_english_translation(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from pos_app.domain.checkout import Decline
    from pos_app.ui.assets import install_translation
    from pos_app.ui.screens import IdleScreen
    from pos_app.ui.texts import decline_message

    app = QApplication.instance()
    translator = install_translation(app, "en")
    try:
        idle = IdleScreen("Klubben")
        qtbot.addWidget(idle)
        assert idle.prompt.text() == "Tap your card"
        assert decline_message(Decline.INSUFFICIENT_FUNDS) == "You don't have enough money on your card"
    finally:
        app.removeTranslator(translator)


def test_ui_demo_syncs_each_sale_to_its_finance_server(qtbot, tmp_path):
    from pos_app.bootstrap import build_kiosk
    from pos_app.domain.clock import SystemClock

    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite", done_screen_s=0.3)
    kiosk = build_kiosk(cfg, demo=True, clock=SystemClock(), with_devices=False)
    shell = KioskShell(kiosk)
    shell.start_devices()
    try:
        win = shell.window
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: "online" in win.idle.sync.text(), timeout=10000)  # the first sync went through
        win.bridge.on_card("BARN01")
        wait_screen(qtbot, win, "session")
        qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
        qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
        wait_screen(qtbot, win, "done")
        store = kiosk.demo_finance.store
        qtbot.waitUntil(lambda: len(store.booked("kiosk-1")) == 1, timeout=10000)  # woken by the sale
        assert store.booked("kiosk-1")[0]["child_id"] == "c-01"
        assert store.balance("c-01") == 3500
        qtbot.waitUntil(lambda: "ikke sendt: 0" in win.devices.sync.text(), timeout=10000)
        assert "Synkronisering: online" in win.devices.sync.text()
    finally:
        shell.shutdown()
        kiosk.engine.dispose()
    assert shell.sync_service._thread is None


def test_ui_every_string_has_an_english_translation():
    import xml.etree.ElementTree as ET

    from tests.conftest import ROOT

    tree = ET.parse(ROOT / "assets" / "translations" / "club_kiosk_en.ts")
    missing = [m.find("source").text for m in tree.iter("message")
               if m.find("translation").get("type") in ("unfinished", "obsolete") or not m.find("translation").text]
    assert missing == []
