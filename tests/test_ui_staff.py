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
from pos_app.ui.shell import KioskShell
from tests.support.ui import shot, wait_screen

METTE, JONAS = "04AABBCCDD0001", "04AABBCCDD0002"


def journal_kinds(kiosk) -> list[str]:
    from sqlalchemy import text

    with kiosk.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT kind FROM journal ORDER BY seq"))]


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
    kiosk.engine.dispose()


def type_pin(qtbot, win, pin: str) -> None:
    for digit in pin + "K":
        key = "OK" if digit == "K" else digit
        qtbot.mouseClick(win.pin.keys[key], Qt.MouseButton.LeftButton)


def key_pin(qtbot, win, pin: str) -> None:
    """The PIN typed on a keyboard: digits, a wrong one taken back with Backspace, then Enter."""
    qtbot.keyClicks(win.pin, pin[:-1] + "9")
    qtbot.keyClick(win.pin, Qt.Key.Key_Backspace)
    qtbot.keyClicks(win.pin, pin[-1])
    qtbot.keyClick(win.pin, Qt.Key.Key_Return)


def click(qtbot, widget, name: str) -> None:
    from PySide6.QtWidgets import QPushButton

    button = widget.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def confirm(qtbot, s, yes: bool = True) -> None:
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    click(qtbot, s, "confirm-yes" if yes else "confirm-no")


def choose(qtbot, s, name: str) -> None:
    qtbot.keyClicks(s.search, name)
    qtbot.waitUntil(lambda: s.children_list.count() == 1, timeout=3000)
    s.children_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: s.child_id is not None and s.child_title.text().startswith(
        s.children_list.item(0).text().split("  ")[0]), timeout=3000)  # fmt: skip


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
    qtbot.waitUntil(lambda: win.pin.band.text() == "Jonas: tast din PIN", timeout=3000)  # whose card it is
    type_pin(qtbot, win, "1111")
    qtbot.waitUntil(lambda: win.pin.message.text() == "Forkert PIN — 4 forsøg tilbage", timeout=3000)
    key_pin(qtbot, win, "4321")  # typed on a keyboard this time
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
    qtbot.waitUntil(lambda: s.children_list.count() == 20, timeout=3000)  # every child at once
    choose(qtbot, s, "alma")
    assert s.children_list.item(0).text().startswith("Alma H.  35,00 kr")
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    assert "Køb  -15,00 kr  Toast" in s.purchases.item(0).text()  # Danish word, product name, kroner
    assert s.purchases.visualItemRect(s.purchases.item(0)).height() >= 48
    assert s.children_list.visualItemRect(s.children_list.item(0)).height() >= 48
    qtbot.keyClicks(s.topup_amount, "1,000.50")  # ambiguous: refused in red, nothing asked or booked
    click(qtbot, s, "staff-topup")
    assert s.status.text().startswith("✖ Beløbet kan læses på to måder") and "b71c1c" in s.status.styleSheet()
    assert not s.confirm.isVisible()
    s.topup_amount.clear()
    qtbot.keyClicks(s.topup_amount, "1.000")
    click(qtbot, s, "staff-topup")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.confirm.text.text() == "Indbet al 1.000,00 kr kontant på Alma H.s kort? Tag imod pengene først.".replace(
        "Indbet al", "Indbetal")  # fmt: skip (1.000 is a thousand kroner, as it will be booked)
    shot(win, "staff-confirm-topup")
    confirm(qtbot, s, yes=False)  # cancel changes nothing
    assert s.status.text() == "✔ Fortrudt: intet er ændret"
    assert journal_kinds(kiosk) == ["sale"]
    s.topup_amount.clear()
    qtbot.keyClicks(s.topup_amount, "20,50")
    click(qtbot, s, "staff-topup")
    confirm(qtbot, s)
    qtbot.mouseClick(s.confirm.yes, Qt.MouseButton.LeftButton)  # a second tap books nothing more
    qtbot.waitUntil(lambda: s.status.text() == "✔ Indbetalt 20,50 kr, kvittering udskrives", timeout=3000)
    assert "1b5e20" in s.status.styleSheet()
    qtbot.waitUntil(lambda: s.purchases.count() == 2, timeout=3000)
    assert journal_kinds(kiosk) == ["sale", "topup_cash"]  # booked exactly once
    assert s.child_title.text().startswith("Alma H. — 55,50 kr")
    qtbot.waitUntil(lambda: s.children_list.item(0).text().startswith("Alma H.  55,50 kr"), timeout=3000)
    s.purchases.setCurrentRow(1)  # the sale (newest first: top-up, sale)
    click(qtbot, s, "staff-void")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.confirm.text.text() == "Annullér køb 15,00 kr for Alma H.? Beløbet kommer tilbage på kortet."
    confirm(qtbot, s, yes=False)
    assert journal_kinds(kiosk) == ["sale", "topup_cash"]
    click(qtbot, s, "staff-void")
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.status.text() == "✔ Købet er annulleret", timeout=3000)
    qtbot.waitUntil(lambda: s.child_title.text().startswith("Alma H. — 70,50 kr"), timeout=3000)
    assert journal_kinds(kiosk) == ["sale", "topup_cash", "void"]
    shot(win, "staff-child")
    s.tabs.setCurrentIndex(s.day_tab_index)
    s.counts[2000].setValue(1)  # a 20 kr note
    assert s.cash_total.text() == "Optalt: 20,00 kr"
    click(qtbot, s, "staff-z")
    confirm(qtbot, s, yes=False)
    assert "Z-rapport" not in s.report.toPlainText()
    click(qtbot, s, "staff-z")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    # Before it is booked: the cash expected (float + cash top-ups) and the difference to the counted cash.
    assert s.confirm.text.text().startswith("Luk dagen? Forventet kontant 20,50 kr (byttepenge 0,00 kr + "
                                            "kontante indbetalinger 20,50 kr). Optalt 20,00 kr, difference "
                                            "-0,50 kr.")  # fmt: skip
    shot(win, "staff-confirm-z")
    confirm(qtbot, s)
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
    choose(qtbot, s, "noah")
    assert "friplads 50 %" in s.child_title.text()  # staff may see it; children never do
    qtbot.keyClicks(s.adjust_amount, "-2,50")
    qtbot.keyClicks(s.adjust_note, "rettelse")
    qtbot.mouseClick(s.adjust_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.child_title.text().startswith("Noah P. — 37,50 kr"), timeout=3000)
    s.tabs.setCurrentIndex(2)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-refresh"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("regulerede" in s.alerts.item(i).text() for i in range(s.alerts.count())),
                    timeout=3000)  # fmt: skip
    texts = [s.alerts.item(i).text() for i in range(s.alerts.count())]
    assert any("STOPPET" in t for t in texts)
    # The audit log, for superusers: who by name, what, amounts in kroner; no staff ids, no øre, no dicts.
    entry = next(t for t in texts if "regulerede en saldo" in t)
    assert "Mette" in entry and "saldo 40,00 kr → 37,50 kr" in entry and "“rettelse”" in entry
    assert not any("s-1" in t or "_ore" in t or "{" in t for t in texts)
    row = next(i for i in range(s.alerts.count()) if "#7" in s.alerts.item(i).text())
    s.alerts.setCurrentRow(row)
    qtbot.mouseClick(s.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(s.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.status.text() == "✔ Synkroniseringen prøver igen", timeout=3000)
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
    choose(qtbot, s, "noah")
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    s.purchases.setCurrentRow(0)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-reprint"), Qt.MouseButton.LeftButton)
    # This kiosk was built without devices: no printer, and staff are told so (the copy itself is tested
    # in test_printing.py).
    qtbot.waitUntil(lambda: s.status.text() == "✖ Ingen printer sat op", timeout=3000)
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-leave"), Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "idle")
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    # The next staff member starts fresh: no child chosen, no old purchases, every child listed.
    assert s.child_id is None and s.purchases.count() == 0 and s.status.text() == ""
    qtbot.waitUntil(lambda: s.children_list.count() == 20, timeout=3000)
    assert s.tabs.isTabEnabled(s.settings_tab_index)
    assert "Printer" in s.settings_view.toPlainText() and "file" in s.settings_view.toPlainText()
    assert "Kortlæser" in s.settings_view.toPlainText()  # the summary is in Danish
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
    qtbot.waitUntil(lambda: s.status.text() == "✔ Indstillingerne er gemt", timeout=3000)
    assert win.idle.club.text() == "Fritten Ådalen"
    assert load_overrides(kiosk.engine) == {"club_name": "Fritten Ådalen", "offline_cap_ore": 2500,
                                            "walkaway_s": 10.0, "done_screen_s": 1.0}  # fmt: skip (fixture: 0.3 -> 1)
    assert kiosk.checkout.settings.offline_cap_ore == 2500
    # Staff cannot change settings; a bad value is refused with a reason.
    assert kiosk.staff.change_settings({"walkaway_s": 1}).as_event()["reason"] == "invalid_setting"
    qtbot.mouseClick(s.findChild(type(win.session.pay), "staff-leave"), Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "idle")
    win.bridge.on_card("BARN01")
    wait_screen(qtbot, win, "session")
    clock.set(clock.now() + timedelta(seconds=11))  # the new 10 s walk-away applies at once
    wait_screen(qtbot, win, "idle")
    shot(win, "idle-renamed")


def test_ui_staff_pin_lockout_says_until_when(qtbot, staff_ui):
    win, _clock, _kiosk = staff_ui
    win.bridge.on_card(JONAS)
    wait_screen(qtbot, win, "pin")
    for left in (4, 3, 2, 1):
        key_pin(qtbot, win, "1110")
        qtbot.waitUntil(lambda left=left: win.pin.message.text() == f"Forkert PIN — {left} forsøg tilbage",
                        timeout=3000)  # fmt: skip
    key_pin(qtbot, win, "1110")
    qtbot.waitUntil(lambda: win.pin.message.text() == "Kortet er låst til kl. 14:05", timeout=3000)  # local time
    shot(win, "staff-pin-locked")
    click(qtbot, win.pin, "pin-cancel")
    wait_screen(qtbot, win, "idle")
    win.bridge.on_card(JONAS)  # tapped again while locked: the pad says so at once
    qtbot.waitUntil(lambda: win.pin.message.text() == "Kortet er låst til kl. 14:05", timeout=3000)


def test_ui_staff_opening_float_after_a_sale_until_the_first_cash_topup(qtbot, staff_ui):
    from sqlalchemy import text

    win, clock, kiosk = staff_ui
    buy_toast(qtbot, win, "BARN01")  # the sale opens the day with no float
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    s.tabs.setCurrentIndex(s.day_tab_index)
    # The tab says that a day is open, since when (local time), with what float and whether it can change.
    qtbot.waitUntil(lambda: s.day_state.text() == "Dagen er åben siden kl. 14:00. Byttepenge 0,00 kr: kan "
                    "ændres indtil første kontante indbetaling.", timeout=3000)  # fmt: skip
    assert s.float_amount.text() == "0,00"
    s.float_amount.clear()
    qtbot.keyClicks(s.float_amount, "500")
    click(qtbot, s, "staff-open-day")
    qtbot.waitUntil(lambda: s.status.text() == "✔ Byttepenge: 500,00 kr", timeout=3000)
    qtbot.waitUntil(lambda: "Byttepenge 500,00 kr: kan ændres" in s.day_state.text(), timeout=3000)
    with kiosk.engine.connect() as conn:
        assert conn.execute(text("SELECT opening_float_ore FROM business_days")).scalar() == 50000
        assert conn.execute(text("SELECT action FROM audit_log ORDER BY id DESC")).scalar() == "opening_float"
    assert kiosk.staff.topup_cash("c-01", 1000).as_event()["event"] == "topped_up"
    s.float_amount.clear()
    qtbot.keyClicks(s.float_amount, "300")
    click(qtbot, s, "staff-open-day")
    qtbot.waitUntil(lambda: s.status.text().startswith("✖ Byttepengene kan ikke ændres"), timeout=3000)
    # Refused: the field shows the day's real float again, and the state says it is fixed now.
    qtbot.waitUntil(lambda: s.float_amount.text() == "500,00", timeout=3000)
    assert s.day_state.text() == ("Dagen er åben siden kl. 14:00. Byttepenge 500,00 kr: kan ikke længere ændres "
                                  "(dagen har haft en kontant indbetaling).")  # fmt: skip
    shot(win, "staff-day-float-locked")
    with kiosk.engine.connect() as conn:
        assert conn.execute(text("SELECT opening_float_ore FROM business_days")).scalar() == 50000
    s.counts[50000].setValue(1)
    s.counts[1000].setValue(1)
    click(qtbot, s, "staff-z")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert "Forventet kontant 510,00 kr (byttepenge 500,00 kr + kontante indbetalinger 10,00 kr). Optalt " \
        "510,00 kr, difference 0,00 kr." in s.confirm.text.text()
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: "Z-rapport nr. 1" in s.report.toPlainText(), timeout=3000)
    qtbot.waitUntil(lambda: s.day_state.text().startswith("Ingen åben dag"), timeout=3000)


def test_ui_staff_lists_300_children_and_leaving_the_kiosk_is_confirmed(qtbot, tmp_path):
    """A club with 300 children: all listed at once, searchable, any of them can be opened."""
    from pos_app.services.demo import demo_snapshot
    from pos_app.services.snapshots import import_full_snapshot
    from tests.conftest import SYNCED

    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "big.sqlite", offline_after_s=10**9)
    kiosk = build_kiosk(cfg, demo=True, clock=clock, with_devices=False)
    snap = demo_snapshot()
    template = snap["children"][0]
    snap["children"] = [dict(template, child_id=f"c-{i:03d}", display_name=f"Barn{i:03d} X.", balance_ore=100 * i)
                        for i in range(1, 301)]  # fmt: skip
    snap["cards"] = [card for card in snap["cards"] if card.get("child_id") is None][:0]
    import_full_snapshot(kiosk.engine, snap, SYNCED)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    try:
        unlock(qtbot, win, METTE, "1234")
        s = win.staff_screen
        qtbot.waitUntil(lambda: s.children_list.count() == 300, timeout=5000)
        shot(win, "staff-300-children-1024x600")
        # The two ways out: far apart and different at a glance (filled and bold against dashed and outlined).
        back, leave = s.findChild(type(s.leave), "staff-leave"), s.leave_kiosk
        gap = leave.mapTo(win, leave.rect().topLeft()).x() - back.mapTo(win, back.rect().topRight()).x()
        assert gap >= 70, gap
        assert "bold" in back.styleSheet() and "dashed" in leave.styleSheet() and "bold" not in leave.styleSheet()
        choose(qtbot, s, "barn299")  # beyond the old limit of 50
        assert s.child_title.text().startswith("Barn299 X. — 299,00 kr")
        shot(win, "staff-child-1024x600")
        click(qtbot, s, "staff-quit")
        qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
        assert "Forlad kiosken?" in s.confirm.text.text()
        shot(win, "staff-confirm-quit-1024x600")
        confirm(qtbot, s, yes=False)
        assert win.screen_name == "staff" and not s.confirm.isVisible() and s.tabs.isEnabled()
    finally:
        shell.shutdown()
        kiosk.engine.dispose()


def card_owner(kiosk, uid: str) -> str | None:
    from pos_app.storage.ledger import Ledger

    with kiosk.engine.connect() as conn:
        card = Ledger().card(conn, uid)
    return card.child_id if card is not None else None


def test_ui_staff_new_card_never_takes_another_childs_card_silently(qtbot, staff_ui):
    from sqlalchemy import text

    win, clock, kiosk = staff_ui
    unlock(qtbot, win, JONAS, "4321")  # staff, not only superusers, give cards: always with a confirmation
    s = win.staff_screen
    choose(qtbot, s, "noah")
    qtbot.waitUntil(lambda: s.cards_list.count() == 2, timeout=3000)  # Noah's NFC card and printed code
    # Alma's active card: asked, naming both children; cancelling changes nothing.
    click(qtbot, s, "staff-assign")
    win.bridge.on_card("BARN01")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.confirm.text.text() == "Kortet tilhører Alma H. — flyt det til Noah P.? Alma kan så ikke bruge det."
    assert s.confirm.yes.text() == "Ja, flyt kortet til Noah P."
    assert s.status.text() == ""  # the "Bip det nye kort" prompt does not stay above the question
    shot(win, "staff-confirm-move-card")
    win.bridge.on_card("BARN01")  # the reader reads the card again while the question waits: ignored
    qtbot.wait(200)
    assert win.screen_name == "staff" and s.confirm.isVisible()
    confirm(qtbot, s, yes=False)
    assert s.status.text() == "✔ Fortrudt: intet er ændret"
    assert card_owner(kiosk, "BARN01") == "c-01"
    # A staff card: refused at once, with a clear message (no PIN pad, no question).
    click(qtbot, s, "staff-assign")
    win.bridge.on_card(METTE)
    qtbot.waitUntil(lambda: s.status.text() == "✖ Det er et personalekort: det kan ikke gives til et barn",
                    timeout=3000)  # fmt: skip
    assert win.screen_name == "staff" and not s.confirm.isVisible()
    assert card_owner(kiosk, METTE) is None
    # An unknown card: given after a confirmation that names the child.
    click(qtbot, s, "staff-assign")
    win.bridge.on_card("04C0FFEE000002")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.confirm.text.text() == "Giv det nye kort 04C0FFEE000002 til Noah P.?"
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.status.text() == "✔ Kortet er givet til Noah P.", timeout=3000)
    assert card_owner(kiosk, "04C0FFEE000002") == "c-02"
    qtbot.waitUntil(lambda: s.cards_list.count() == 3, timeout=3000)
    # Alma's card, moved when staff say yes: it pays from Noah's money from now on.
    click(qtbot, s, "staff-assign")
    win.bridge.on_card("BARN01")
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.status.text() == "✔ Kortet er givet til Noah P.", timeout=3000)
    assert card_owner(kiosk, "BARN01") == "c-02"
    # "Nyt kortnummer" queues a welcome letter at once: asked first, naming the child.
    with kiosk.engine.connect() as conn:
        cards_before = conn.execute(text("SELECT count(*) FROM cards")).scalar()
    click(qtbot, s, "staff-newcode")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.confirm.text.text().startswith("Lav et nyt kortnummer til Noah P.?")
    shot(win, "staff-confirm-new-code")
    confirm(qtbot, s, yes=False)
    with kiosk.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cards")).scalar() == cards_before
    click(qtbot, s, "staff-newcode")
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.status.text().startswith("✔ Nyt kortnummer til Noah P.: K"), timeout=3000)
    with kiosk.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cards")).scalar() == cards_before + 1


def choose_another(qtbot, win, query: str, name: str) -> None:
    """Search anew and pick the one child found (waits for that search's own answer, not the last one's)."""
    s = win.staff_screen
    s.search.clear()
    qtbot.keyClicks(s.search, query)
    qtbot.waitUntil(lambda: not win.runner.busy and s.children_list.count() == 1
                    and s.children_list.item(0).text().startswith(name), timeout=3000)  # fmt: skip
    s.children_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: s.child_title.text().startswith(name) and not win.runner.busy, timeout=3000)


def test_ui_staff_old_messages_and_values_go_and_declines_read_in_danish(qtbot, staff_ui):
    win, clock, kiosk = staff_ui
    for card in ("BARN99", "BARN98", "BARN08"):  # a lost card, a blocked card, a blocked child
        win.bridge.on_card(card)
        wait_screen(qtbot, win, "declined")
        clock.set(clock.now() + timedelta(seconds=5))
    win.bridge.on_card("BARN01")  # Alma buys two toasts
    wait_screen(qtbot, win, "session")
    for _ in range(2):
        qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.session.pay.isEnabled(), timeout=3000)
    qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "done")
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    for _ in range(15):  # enough history for Freja and Noah that their lists scroll
        assert kiosk.staff.topup_cash("c-03", 100).as_event()["event"] == "topped_up"
        assert kiosk.staff.topup_cash("c-02", 100).as_event()["event"] == "topped_up"
    # The events list: Danish words, the child's first name and the local time; never a code.
    s.tabs.setCurrentIndex(2)
    click(qtbot, s, "staff-refresh")
    qtbot.waitUntil(lambda: s.alerts.count() > 3, timeout=3000)
    texts = [s.alerts.item(i).text() for i in range(s.alerts.count())]
    assert "14:00 Agnes: afvist — Kortet er meldt væk" in texts
    assert "14:00 Olivia: afvist — Kortet er spærret" in texts
    assert "14:00 Karl: afvist — Barnet er spærret" in texts
    assert not any(code in t for t in texts for code in ("card_lost", "card_blocked", "child_blocked", "_"))
    shot(win, "staff-alerts-declines")
    s.tabs.setCurrentIndex(0)
    choose(qtbot, s, "alma")
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    # "Vælg et køb" goes when the confirmation opens: it is not about the question.
    s.purchases.setCurrentRow(-1)
    click(qtbot, s, "staff-void")
    assert s.status.text() == "✖ Vælg et køb"
    s.purchases.setCurrentRow(0)
    click(qtbot, s, "staff-refund")
    assert s.status.text() == "✖ Vælg varer først"
    s.findChild(type(s.f_single), "line-toast").setChecked(True)
    click(qtbot, s, "staff-refund")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.status.text() == ""  # cleared (the line keeps its place, empty)
    assert s.confirm.text.text() == "Refundér 2 × Toast (30,00 kr) for Alma H.? Beløbet kommer tilbage på kortet."
    shot(win, "staff-confirm-refund-two")
    confirm(qtbot, s, yes=False)
    # The ambiguous amount's red message goes when a later valid top-up is asked; so does the last result.
    qtbot.keyClicks(s.topup_amount, "1,000.50")
    click(qtbot, s, "staff-topup")
    assert s.status.text().startswith("✖ Beløbet kan læses på to måder")
    s.topup_amount.clear()
    qtbot.keyClicks(s.topup_amount, "1.000")
    click(qtbot, s, "staff-topup")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.status.text() == ""
    confirm(qtbot, s)
    qtbot.waitUntil(lambda: s.status.text() == "✔ Indbetalt 1.000,00 kr, kvittering udskrives", timeout=3000)
    qtbot.keyClicks(s.topup_amount, "5")
    click(qtbot, s, "staff-topup")
    qtbot.waitUntil(lambda: s.confirm.isVisible(), timeout=3000)
    assert s.status.text() == ""  # the last top-up's tick is not above the next one's question
    confirm(qtbot, s, yes=False)
    s.topup_amount.clear()
    # Another child: the typed amounts and the last message go.
    qtbot.keyClicks(s.topup_amount, "1,000.50")
    qtbot.keyClicks(s.adjust_amount, "-2")
    click(qtbot, s, "staff-topup")
    assert s.status.text().startswith("✖")
    choose_another(qtbot, win, "freja", "Freja")
    assert s.topup_amount.text() == "" and s.adjust_amount.text() == "" and s.status.text() == ""
    # Freja's list scrolled down; Noah's list starts at the top (newest first), not where Freja's was.
    qtbot.waitUntil(lambda: s.purchases.count() == 15, timeout=3000)
    bar = s.purchases.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    bar.setValue(bar.maximum())
    choose_another(qtbot, win, "noah", "Noah P.")
    qtbot.waitUntil(lambda: s.purchases.count() == 15, timeout=3000)
    assert bar.value() == 0
    assert s.purchases.visualItemRect(s.purchases.item(0)).top() >= 0
    shot(win, "staff-child-top")
    # A message stays with its tab.
    click(qtbot, s, "staff-void")
    assert s.status.text() == "✖ Vælg et køb"
    s.tabs.setCurrentIndex(3)
    assert s.status.text() == ""  # cleared (the line keeps its place, empty)


def test_ui_staff_refusals_come_before_the_question_and_nothing_moves(qtbot, staff_ui):
    win, clock, kiosk = staff_ui
    win.bridge.on_card("BARN01")  # Alma buys a toast and a banana
    wait_screen(qtbot, win, "session")
    for pid in ("toast", "banana"):
        qtbot.mouseClick(win.session.tiles[pid], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda pid=pid: pid in win.session._line_of, timeout=3000)
    qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
    wait_screen(qtbot, win, "done")
    clock.set(clock.now() + timedelta(seconds=10))
    unlock(qtbot, win, METTE, "1234")
    s = win.staff_screen
    choose(qtbot, s, "alma")
    qtbot.waitUntil(lambda: s.purchases.count() == 1, timeout=3000)
    top = s.purchases.mapTo(win, s.purchases.rect().topLeft()).y()
    qtbot.keyClicks(s.topup_amount, "0")
    qtbot.keyClick(s.topup_amount, Qt.Key.Key_Return)  # Enter asks like the button; 0 kr is refused first
    qtbot.waitUntil(lambda: s.status.text().startswith("✖ Kontant indbetaling: fra 0,50 kr"), timeout=3000)
    assert not s.confirm.isVisible()
    assert s.purchases.mapTo(win, s.purchases.rect().topLeft()).y() == top  # the message moved nothing
    s.purchases.setCurrentRow(0)
    qtbot.waitUntil(lambda: s.lines_box.count() == 2, timeout=3000)
    box = s.findChild(type(s.lines_box.itemAt(0).widget()), "line-banana")
    box.setChecked(True)
    click(qtbot, s, "staff-refund")
    confirm(qtbot, s)
    def sale_row() -> int:
        return next((i for i in range(s.purchases.count()) if "(delvist refunderet)" in s.purchases.item(i).text()),
                    -1)  # fmt: skip

    qtbot.waitUntil(lambda: sale_row() >= 0, timeout=3000)  # the sale, partly refunded (the refund is above it)
    s.purchases.setCurrentRow(sale_row())
    click(qtbot, s, "staff-void")  # a void after a refund would be refused: said now, no question
    qtbot.waitUntil(lambda: "allerede refunderet" in s.status.text(), timeout=3000)
    assert not s.confirm.isVisible()
    assert journal_kinds(kiosk) == ["sale", "refund"]
