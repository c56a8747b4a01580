"""The child-facing Qt screens, offscreen, on a real SQLite ledger. Each test saves PNGs of its screens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_app.bootstrap import Kiosk, fresh_demo_db
from pos_app.config import Config
from pos_app.services.checkout import CheckoutService, CheckoutSettings
from pos_app.ui.shell import KioskShell
from tests.support.hub import token_file
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
    assert toast.label() == "Toast\n15,00 kr"  # the catalogue price: the queue cannot tell friplads
    shot(window, "session")
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 15,00 kr", timeout=3000)
    qtbot.mouseClick(window.session.findChild(type(window.session.pay), "plus-toast"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 30,00 kr", timeout=3000)
    shot(window, "basket")
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "done")
    assert window.done.thanks.text() == "Tak, Noah!"
    assert window.done.bought.text() == "2 × Toast"
    assert window.done.new_balance.text() == "Ny saldo 25,00 kr"  # friplads applied when paying
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
        ("NOSUCHCARD", "Kortet kender jeg ikke"),
        ("BARN99", "Kortet er meldt væk"),
        ("BARN98", "Kortet virker ikke"),
        ("BARN08", "Du kan ikke købe noget lige nu"),
    ],
)
def test_ui_card_declines(qtbot, window, code, message):
    window.bridge.on_card(code)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == message
    assert window.declined.ask.text() == "Spørg en voksen"  # once, not twice
    assert "voksen" not in message.lower()
    assert not window.declined.back.isVisible()
    shot(window, f"declined-{code}")


def test_ui_insufficient_funds_keeps_basket(qtbot, window):
    window.bridge.on_card("BARN04")  # Oscar has 3,00 kr
    wait_screen(qtbot, window, "session")
    tiles = window.session.tiles
    assert tiles["toast"].dimmed and not tiles["banana"].dimmed  # 15,00 kr dimmed, 3,00 kr not, before trying
    shot(window, "session-dimmed")
    qtbot.mouseClick(tiles["banana"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 3,00 kr", timeout=3000)
    assert tiles["banana"].dimmed  # nothing else fits now
    qtbot.mouseClick(tiles["toast"], Qt.MouseButton.LeftButton)  # dimmed is a hint: it adds, paying decides
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 18,00 kr", timeout=3000)
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Du har ikke penge nok på kortet"
    assert window.declined.detail.text() == "Du har 3,00 kr på kortet"
    assert not window.declined.ask.isVisible()
    assert window.declined.back.isVisible()
    shot(window, "declined-insufficient")
    qtbot.mouseClick(window.declined.back, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "session")
    assert window.session.total.text() == "I alt 18,00 kr"  # the basket stayed


def test_ui_dimming_does_not_tell_friplads(qtbot, window):
    """Two children with the same balance see the same tiles dimmed, whatever their friplads."""
    from datetime import timedelta

    from sqlalchemy import text

    with window.kiosk.engine.begin() as conn:  # Alma (0 %) and Freja (100 %) both have 10,00 kr
        conn.execute(text("UPDATE children SET balance_ore = 1000 WHERE child_id IN ('c-01', 'c-03')"))
    seen = {}
    for card in ("BARN01", "BARN03"):
        window.bridge.on_card(card)
        wait_screen(qtbot, window, "session")
        seen[card] = {pid for pid, tile in window.session.tiles.items() if tile.dimmed}
        window.kiosk.checkout._clock.set(window.kiosk.checkout._clock.now() + timedelta(seconds=2))
    assert seen["BARN01"] == seen["BARN03"] and "toast" in seen["BARN03"]


def test_ui_daily_limit_decline(qtbot, window):
    window.bridge.on_card("BARN05")  # Ida: daily limit 20 kr, nothing spent today
    wait_screen(qtbot, window, "session")
    qtbot.mouseClick(window.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 15,00 kr", timeout=3000)
    window.bridge.on_code("5701234567899")  # a second toast: 30 kr is over the limit
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 30,00 kr", timeout=3000)
    qtbot.mouseClick(window.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Du kan bruge 20,00 kr mere i dag"  # true: nothing spent yet
    shot(window, "declined-daily-limit")


def test_ui_restricted_product_is_simply_not_offered(qtbot, window):
    window.bridge.on_card("BARN06")  # William: no sugar
    wait_screen(qtbot, window, "session")
    qtbot.mouseClick(window.session.findChild(type(window.session.pay), "tab-drink"), Qt.MouseButton.LeftButton)
    juice = window.session.tiles["juice"]
    assert not juice.isVisible()  # nothing for the queue to read
    assert window.session.tiles["milk"].isVisible()
    shot(window, "session-restricted")
    window.bridge.on_code("5701234000020")  # scanning the juice anyway
    wait_screen(qtbot, window, "declined")
    assert window.declined.message.text() == "Det kan du ikke købe"


def test_ui_empty_basket_cannot_pay_and_walk_away_returns_to_idle(qtbot, window, clock):
    from datetime import timedelta

    window.bridge.on_card("BARN01")
    wait_screen(qtbot, window, "session")
    assert not window.session.pay.isEnabled()
    clock.set(clock.now() + timedelta(seconds=22))  # 8 s left: counted down on the screen
    qtbot.waitUntil(lambda: window.session.countdown.isVisible(), timeout=3000)
    assert "Er du her stadig?" in window.session.countdown.text()
    shot(window, "session-countdown")
    qtbot.mouseClick(window.session.countdown, Qt.MouseButton.LeftButton)  # "I am still here"
    qtbot.waitUntil(lambda: not window.session.countdown.isVisible(), timeout=3000)
    clock.set(clock.now() + timedelta(seconds=25))
    qtbot.wait(1500)
    assert window.screen_name == "session"  # the touch started the 30 s again
    clock.set(clock.now() + timedelta(seconds=6))
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
    from pos_app.ui.texts import child_message, decline_message

    app = QApplication.instance()
    translator = install_translation(app, "en")
    try:
        idle = IdleScreen("Klubben")
        qtbot.addWidget(idle)
        assert idle.prompt.text() == "Tap your card"
        assert decline_message(Decline.INSUFFICIENT_FUNDS) == "You don't have enough money on your card"
        assert child_message(Decline.DAILY_LIMIT, daily_left=2000).text == "You can spend 20,00 kr more today"
    finally:
        app.removeTranslator(translator)


def test_ui_demo_syncs_each_sale_to_the_club_hub(qtbot, tmp_path, hub_databases):
    """The demo as ``scripts/kiosk`` runs it: a [finance] table pointing at a real ``club-hub serve``."""
    import json

    from pos_app.bootstrap import build_kiosk
    from pos_app.domain.clock import SystemClock
    from tests.support.hub import HubServer, sql

    url, template = hub_databases.fresh("sqlite")
    hub = HubServer(url, tmp_path)
    token = token_file(template, tmp_path, "kiosk-1")
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[finance]\nurl = {json.dumps(hub.url)}\nclub = \"demo-klub\"\nkiosk = \"kiosk-1\"\n"
                      f"token_file = {json.dumps(str(token))}\ninterval_s = 30\n")  # fmt: skip
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite", done_screen_s=0.3, source=config)
    kiosk = build_kiosk(cfg, demo=True, clock=SystemClock(), with_devices=False)
    shell = KioskShell(kiosk)
    shell.start_devices()
    booked = "SELECT t.child_id, t.balance_delta_ore, t.status FROM hub_ledger_kiosktransaction t"
    balance = ("SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c ON c.id = b.child_id "
               "WHERE c.child_id = 'c-01'")  # fmt: skip
    try:
        before = sql(url, balance)[0][0]
        win = shell.window
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: "online" in win.idle.sync.text(), timeout=20000)  # the first sync went through
        win.bridge.on_card("BARN01")
        wait_screen(qtbot, win, "session")
        qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
        qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
        wait_screen(qtbot, win, "done")
        qtbot.waitUntil(lambda: len(sql(url, booked)) == 1, timeout=20000)  # woken by the sale
        child_id, delta, status = sql(url, booked)[0]
        assert (child_id, status) == ("c-01", "accepted") and delta < 0
        assert sql(url, balance)[0][0] == before + delta
        qtbot.waitUntil(lambda: "ikke sendt: 0" in win.devices.sync.text(), timeout=20000)
        assert "Synkronisering: online" in win.devices.sync.text()
    finally:
        shell.shutdown()
        kiosk.engine.dispose()
        hub.stop()
    assert shell.sync_service._thread is None


def test_ui_demo_without_a_finance_table_runs_offline(qtbot, tmp_path, caplog):
    from pos_app.bootstrap import build_kiosk
    from pos_app.domain.clock import SystemClock

    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "x.sqlite")
    with caplog.at_level("INFO", logger="pos_app.bootstrap"):
        kiosk = build_kiosk(cfg, demo=True, clock=SystemClock(), with_devices=False)
    try:
        assert kiosk.sync_engine is None
        assert any("runs offline only" in r.getMessage() for r in caplog.records)
    finally:
        kiosk.engine.dispose()


def test_ui_every_string_has_an_english_translation():
    import xml.etree.ElementTree as ET

    from tests.conftest import ROOT

    tree = ET.parse(ROOT / "assets" / "translations" / "club_kiosk_en.ts")
    missing = [m.find("source").text for m in tree.iter("message")
               if m.find("translation").get("type") in ("unfinished", "obsolete") or not m.find("translation").text]
    assert missing == []


def test_ui_long_name_is_elided_and_a_long_press_shows_it_whole(qtbot, window):
    from sqlalchemy import text

    long_name = "Jordbærmælk med vanilje, kanel og lidt ekstra"
    with window.kiosk.engine.begin() as conn:
        conn.execute(text("UPDATE products SET name = :n WHERE product_id = 'toast'"), {"n": long_name})
        conn.execute(text("UPDATE kiosk_state SET catalogue_generation = catalogue_generation + 1"))
    window.resize(1024, 600)
    window.bridge.on_card("BARN01")
    wait_screen(qtbot, window, "session")
    tile = window.session.tiles["toast"]
    tile.repaint()
    assert tile.shown_name.endswith("…") and tile.shown_name != long_name  # cut to the tile, with an ellipsis
    qtbot.mousePress(tile, Qt.MouseButton.LeftButton)
    qtbot.wait(800)  # a long press
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.banner.isVisible(), timeout=3000)
    assert window.session.banner.text() == long_name
    assert window.session.total.text() == "I alt 0,00 kr"  # the long press added nothing
    shot(window, "session-long-name")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)  # a short tap adds it
    qtbot.waitUntil(lambda: window.session.total.text() == "I alt 15,00 kr", timeout=3000)


def test_ui_the_line_just_added_stays_in_view(qtbot, window):
    window.resize(1024, 600)
    window.bridge.on_card("BARN07")  # Ella, account mode: may buy a lot
    wait_screen(qtbot, window, "session")
    for pid in ("banana", "bun", "carrot", "salad", "pizza", "toast", "apple"):
        qtbot.mouseClick(window.session.tiles[pid], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda pid=pid: pid in window.session._line_of, timeout=3000)
    qtbot.wait(50)
    last = window.session._line_of["apple"]
    viewport = window.session.lines_scroll.viewport()
    top = last.mapTo(viewport, last.rect().topLeft()).y()
    assert 0 <= top and top + last.height() <= viewport.height() + 1  # the newest line is visible
    shot(window, "session-long-basket")


def test_ui_browsing_the_tabs_keeps_the_session(qtbot, window, clock):
    from datetime import timedelta

    window.bridge.on_card("BARN01")
    wait_screen(qtbot, window, "session")
    clock.set(clock.now() + timedelta(seconds=25))
    qtbot.wait(1100)
    qtbot.mouseClick(window.session.findChild(type(window.session.pay), "tab-drink"), Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    clock.set(clock.now() + timedelta(seconds=20))  # 45 s after the card, 20 s after the last touch
    qtbot.wait(1500)
    assert window.screen_name == "session"  # a child looking through the tabs is still there
