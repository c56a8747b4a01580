"""Secure cards (issue 12) through the real stack: pcscd + vpcd + the virtual NTAG 424 DNA, the real
config loader, ``club-kiosk cards personalise`` / ``verify-sun`` as commands, and the kiosk's checkout."""

from __future__ import annotations

import json
import queue
import time
from dataclasses import replace
from pathlib import Path

import pytest

from drivers import ntag424 as nt
from drivers.pcsc import PcscCardReader
from drivers.protocols import DeviceState
from pos_app.bootstrap import build_kiosk, make_card_reader
from pos_app.config import load_config
from pos_app.domain.checkout import Decline
from pos_app.errors import ConfigError
from pos_app.services.checkout import Approved, Declined, Identified
from pos_app.services.demo import nfc_uid
from tests.conftest import run_cli
from tests.support.stacks.vpcd_card import VirtualUidCard
from tests.support.stacks.vpcd_ntag424 import VirtualNtag424
from tests.test_ui_staff import staff_ui as _staff_ui  # noqa: F401 - test_ui_staff.py's staff screen, as a fixture here

KEY = "000102030405060708090A0B0C0D0E0F"
UID = nfc_uid(1)  # Alma's card in the demo club (a 7-byte NTAG UID)
CLUB = "demo-klub"


@pytest.fixture(autouse=True)
def _card_removal_seen(request):
    """After a test on the shared pcscd: wait until its 400 ms presence poll has seen the last card go, so
    that the next test's first card is not taken for this one (vpcd has no removal events)."""
    yield
    if "pcscd" in request.fixturenames:
        time.sleep(1.0)


def write_config(tmp_path: Path, db: Path, mode: str = "secure", club: str = CLUB, key: str = KEY,
                 key_mode: int = 0o600, name: str = "config.toml") -> Path:  # fmt: skip
    key_file = tmp_path / f"{name}.key"
    key_file.write_text(key + "\n")
    key_file.chmod(key_mode)
    cfg = tmp_path / name
    cfg.write_text(f'[kiosk]\ndb = "{db}"\n\n[devices.card_reader]\nname_pattern = "Virtual PCD 00 00"\n\n'
                   f'[devices.printer]\nkind = "none"\n\n'
                   f'[cards]\nmode = "{mode}"\nmaster_key_file = "{key_file.name}"\nclub_id = "{club}"\n')  # fmt: skip
    return cfg


class Taps:
    def __init__(self, reader: PcscCardReader) -> None:
        self.cards: queue.Queue[tuple[str, float]] = queue.Queue()
        self.refused: queue.Queue[tuple[str, str, float]] = queue.Queue()
        self.statuses: list = []
        reader.on_refused = lambda uid, why: self.refused.put((uid, why, time.perf_counter()))
        reader.start(lambda uid: self.cards.put((uid, time.perf_counter())), self.statuses.append)
        self.reader = reader

    def wait_status(self, pred, timeout: float = 8.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for st in list(self.statuses):
                if pred(st):
                    return st
            time.sleep(0.05)
        raise AssertionError(f"no such status; saw {self.statuses[-5:]}")


@pytest.fixture
def secure_kiosk(pcscd, sim_db, tmp_path):
    kiosk = build_kiosk(load_config(write_config(tmp_path, sim_db)))
    assert isinstance(kiosk.card_reader, PcscCardReader) and kiosk.card_reader.card_check is not None
    taps = Taps(kiosk.card_reader)
    taps.wait_status(lambda s: s.state == DeviceState.READY)
    yield kiosk, taps, pcscd
    kiosk.card_reader.stop()
    kiosk.engine.dispose()


def personalised_card(port: int, uid: str = UID, club: str = CLUB, key: str = KEY) -> VirtualNtag424:
    card = VirtualNtag424(uid, port)
    outcome = nt.personalise(card.answer, bytes.fromhex(uid), bytes.fromhex(key), club)
    assert outcome is nt.PersonaliseOutcome.PERSONALISED
    return card


# --- issuing ------------------------------------------------------------------------------------
def test_cards_personalise_command_writes_a_blank_card_and_refuses_another_clubs(pcscd, tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite")
    card = VirtualNtag424(UID, pcscd.port)
    with card:
        proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "5", "--json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == {"uid": UID, "outcome": "personalised", "sun": False}
        assert KEY not in proc.stderr + proc.stdout  # never the key
        assert card.keys[0] == nt.card_key(bytes.fromhex(KEY), bytes.fromhex(UID), CLUB, 0)
        proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "5")
        assert proc.returncode == 0 and "already personalised" in proc.stdout
        other = write_config(tmp_path, tmp_path / "l.sqlite", club="anden-klub", key="F" * 32, name="other.toml")
        proc = run_cli("cards", "personalise", "--config", str(other), "--timeout", "5")
        assert proc.returncode == 1 and "another club" in proc.stderr
    assert card.keys[0] == nt.card_key(bytes.fromhex(KEY), bytes.fromhex(UID), CLUB, 0)  # left as it was


def test_cards_personalise_without_a_card_or_with_a_plain_card(pcscd, tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite")
    proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "0.5")
    assert proc.returncode == 1 and "no card" in proc.stderr
    with VirtualUidCard("DEADBEEF", pcscd.port):
        proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "5")
    assert proc.returncode == 1 and "not an NTAG 424 DNA" in proc.stderr


# --- the key file -------------------------------------------------------------------------------
def test_config_refuses_a_key_file_others_can_read(tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite", key_mode=0o644)
    with pytest.raises(ConfigError, match="readable by others"):
        load_config(cfg)
    proc = run_cli("--config", str(cfg), "cards", "personalise", "--config", str(cfg), "--timeout", "0.1")
    assert proc.returncode == 2 and "chmod 600" in proc.stderr and KEY not in proc.stderr


@pytest.mark.parametrize("toml, message", [
    ('[cards]\nmode = "secure"\n', "master_key_file is needed"),
    ('[cards]\nmode = "paranoid"\n', "cards.mode must be"),
    ('[cards]\nmodus = "uid"\n', "unknown setting cards.modus"),
])  # fmt: skip
def test_config_cards_section_errors(tmp_path, toml, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(cfg)


def test_config_key_file_must_hold_a_key_and_the_key_stays_out_of_the_config(tmp_path):
    with pytest.raises(ConfigError, match="32 hexadecimal digits"):
        load_config(write_config(tmp_path, tmp_path / "l.sqlite", key="not a key"))
    cfg = load_config(write_config(tmp_path, tmp_path / "l.sqlite", name="ok.toml"))
    assert cfg.cards.mode == "secure" and cfg.cards.club_id == CLUB
    assert KEY.lower() not in repr(cfg).lower() and KEY not in repr(cfg)
    check = make_card_reader(cfg.devices, cfg.cards).card_check  # type: ignore[union-attr]
    assert KEY not in repr(check) and KEY.lower() not in repr(check).lower()


def test_default_mode_is_uid_and_needs_no_key(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[kiosk]\nclub_name = \"K\"\n")
    loaded = load_config(cfg)
    assert loaded.cards.mode == "uid" and not loaded.cards.secure
    assert make_card_reader(loaded.devices, loaded.cards).card_check is None  # type: ignore[union-attr]


# --- tapping ------------------------------------------------------------------------------------
def test_secure_tap_and_pay_with_a_personalised_card(secure_kiosk):
    kiosk, taps, daemon = secure_kiosk
    card = personalised_card(daemon.port)
    with card:
        uid, _t = taps.cards.get(timeout=5)
    assert uid == UID and 0x71 in card.commands and 0xAD in card.commands  # authenticated, then the MACed read
    co = kiosk.checkout
    found = co.identify(uid)
    outcome = co.tap(found.code)
    assert isinstance(outcome, Identified) and outcome.first_name == "Alma"
    before = outcome.balance_ore
    co.add("toast")
    paid = co.pay()
    assert isinstance(paid, Approved), paid
    assert paid.balance_ore < before
    assert taps.refused.empty()


@pytest.mark.parametrize("kind", ["uid_clone", "blank_ntag_same_uid", "other_club", "other_master_key"])
def test_secure_tap_refuses_copies_and_other_clubs_cards(secure_kiosk, kind):
    kiosk, taps, daemon = secure_kiosk
    card = {
        "uid_clone": lambda: VirtualUidCard(UID, daemon.port),  # a "magic" card with Alma's UID
        "blank_ntag_same_uid": lambda: VirtualNtag424(UID, daemon.port),
        "other_club": lambda: personalised_card(daemon.port, club="anden-klub"),
        "other_master_key": lambda: personalised_card(daemon.port, key="AB" * 16),
    }[kind]()
    with card:
        uid, why, _t = taps.refused.get(timeout=5)
    assert uid == UID and why
    assert taps.cards.empty()  # never reported as a card
    outcome = kiosk.checkout.refuse_card(uid, why)
    assert outcome == Declined(Decline.CARD_NOT_GENUINE)
    assert kiosk.checkout.child is None
    when, reason, name = kiosk.checkout.recent_declines[0]
    assert reason == "card_not_genuine" and name == "Alma"  # staff's alert says whose card was copied


def test_secure_tap_card_taken_away_mid_authentication(secure_kiosk):
    kiosk, taps, daemon = secure_kiosk
    card = personalised_card(daemon.port)
    card.auth_delay_s = 1.5
    card.insert()
    time.sleep(0.9)  # the reader waits for the card's answer to the second authentication step now
    card.remove()
    st = taps.wait_status(lambda s: "removed" in s.detail or "read failed" in s.detail)
    assert st.state == DeviceState.READY
    assert taps.cards.empty() and taps.refused.empty()
    time.sleep(1.0)
    card.auth_delay_s = 0.0
    with card:  # and the reader still works
        assert taps.cards.get(timeout=5)[0] == UID


def test_mixed_mode_takes_uid_cards_and_still_refuses_bad_ntag_cards(pcscd, sim_db, tmp_path):
    cfg = load_config(write_config(tmp_path, sim_db, mode="mixed"))
    reader = make_card_reader(cfg.devices, cfg.cards)
    assert isinstance(reader, PcscCardReader)
    taps = Taps(reader)
    try:
        taps.wait_status(lambda s: s.state == DeviceState.READY)
        with VirtualUidCard(nfc_uid(2), pcscd.port):
            assert taps.cards.get(timeout=5)[0] == nfc_uid(2)
        time.sleep(1.0)
        with personalised_card(pcscd.port, club="anden-klub"):
            assert taps.refused.get(timeout=5)[0] == UID
        time.sleep(1.0)
        with personalised_card(pcscd.port):
            assert taps.cards.get(timeout=5)[0] == UID
    finally:
        reader.stop()


# --- SUN ----------------------------------------------------------------------------------------
AN12196 = ["--meta-key", "00" * 16, "--file-key", "00" * 16]


def test_verify_sun_command_on_an12196s_example():
    proc = run_cli("cards", "verify-sun", *AN12196, "--picc", "EF963FF7828658A599F3041510671E88",
                   "--cmac", "94EED9EE65337086", "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"valid": True, "uid": "04DE5F1EACC040", "counter": 61}


@pytest.mark.parametrize("picc, mac", [
    ("EF963FF7828658A599F3041510671E88", "94EED9EE65337087"),
    ("EF963FF7828658A599F3041510671E89", "94EED9EE65337086"),
    ("00" * 16, "94EED9EE65337086"),
])  # fmt: skip
def test_verify_sun_command_on_tampered_messages(picc, mac):
    proc = run_cli("cards", "verify-sun", *AN12196, "--picc", picc, "--cmac", mac, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == {"valid": False}


def test_verify_sun_command_bad_hex_is_a_usage_error():
    proc = run_cli("cards", "verify-sun", *AN12196, "--picc", "XYZ", "--cmac", "94EED9EE65337086", "--json")
    assert proc.returncode == 2 and "picc" in proc.stderr


def test_verify_sun_on_a_phone_read_of_the_virtual_card(pcscd):
    meta, file = bytes.fromhex("11" * 16), bytes.fromhex("22" * 16)
    card = VirtualNtag424(UID, pcscd.port, sun_keys=(meta, file))
    card.answer(nt.select_application_apdu())
    card.answer(bytes.fromhex("00A4000C02E104"))
    url = card.answer(bytes.fromhex("00B0000000"))[7:-2].decode()
    query = dict(p.split("=") for p in url.split("?", 1)[1].split("&"))
    proc = run_cli("cards", "verify-sun", "--meta-key", meta.hex(), "--file-key", file.hex(),
                   "--picc", query["picc_data"], "--cmac", query["cmac"], "--json")  # fmt: skip
    assert proc.returncode == 0 and json.loads(proc.stdout) == {"valid": True, "uid": UID, "counter": 1}


def test_refused_card_on_the_kiosk_screen(qtbot, tmp_path, clock, pcscd):  # pcscd: the devices screen lists readers
    from pos_app.bootstrap import Kiosk, fresh_demo_db
    from pos_app.config import Config
    from pos_app.services.checkout import CheckoutService, CheckoutSettings
    from pos_app.ui.shell import KioskShell
    from tests.support.ui import shot, wait_screen

    engine = fresh_demo_db(tmp_path / "demo.sqlite")
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "demo.sqlite")
    kiosk = Kiosk(cfg, engine, clock, CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9)), True)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    try:
        win.bridge.on_card_refused(UID, "authentication failed")
        wait_screen(qtbot, win, "declined")
        assert win.declined.message.text() == "Kortet virker ikke"
        assert win.declined.ask.text() == "Spørg en voksen"
        shot(win, "declined-card-not-genuine")
        assert kiosk.checkout.recent_declines[0][1:] == ("card_not_genuine", "Alma")
        # The superuser's card test on the devices screen says so too, and buys nothing.
        from PySide6.QtCore import Qt

        win.show_devices()
        qtbot.mouseClick(win.devices.buttons["card"], Qt.MouseButton.LeftButton)
        win.bridge.on_card_refused(UID, "authentication failed")
        expected = f"Kort: {UID} — Kortet er ikke ægte (kopi eller anden klubs kort)"
        qtbot.waitUntil(lambda: win.devices.result.text() == expected, timeout=3000)
        assert win.screen_name == "devices"
    finally:
        shell.shutdown()
        engine.dispose()


def test_club_id_defaults_to_the_finance_club(tmp_path):
    key = tmp_path / "k.key"
    key.write_text(KEY)
    key.chmod(0o600)
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[cards]\nmode = "mixed"\nmaster_key_file = "{key}"\n\n[finance]\nclub = "club-x"\n')
    assert load_config(cfg).cards.club_id == "club-x"


def test_staff_alert_words_for_a_refused_card():
    from pos_app.ui.staff_controller import decline_text

    assert decline_text("14:02:11", "card_not_genuine", "Alma") == (
        "14:02 Alma: afvist — Kortet er ikke ægte (kopi eller anden klubs kort)")


def test_whole_path_personalise_then_tap_and_pay_on_the_kiosk_screen(qtbot, pcscd, sim_db, tmp_path, caplog):
    """The command personalises a blank card; the kiosk (Qt shell, real reader thread, secure mode) takes it
    and the child pays; a UID copy of the same card then gets the refused screen."""
    import logging

    from PySide6.QtCore import Qt

    from pos_app.ui.shell import KioskShell
    from tests.support.ui import shot, wait_screen

    caplog.set_level(logging.DEBUG)
    cfg_path = write_config(tmp_path, sim_db)
    card = VirtualNtag424(UID, pcscd.port)
    with card:
        proc = run_cli("cards", "personalise", "--config", str(cfg_path), "--timeout", "5")
        assert proc.returncode == 0, proc.stderr
    time.sleep(1.0)  # pcscd sees the removal
    cfg = replace(load_config(cfg_path), fullscreen=False, done_screen_s=0.5)
    kiosk = build_kiosk(cfg)
    shell = KioskShell(kiosk)
    win = shell.window
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    shell.start_devices()
    try:
        qtbot.waitUntil(lambda: kiosk.card_reader.status.state == DeviceState.READY, timeout=8000)
        with card:
            qtbot.waitUntil(lambda: win.screen_name == "session" and not win.runner.busy, timeout=8000)
            assert win.session.hello.text() == "Hej Alma!"
            qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: win.session.total.text() == "I alt 15,00 kr", timeout=3000)
            qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
            wait_screen(qtbot, win, "done")
            assert win.done.thanks.text() == "Tak, Alma!"
        qtbot.waitUntil(lambda: win.screen_name == "idle", timeout=5000)
        time.sleep(1.0)
        with VirtualUidCard(UID, pcscd.port):  # the copy: same UID, no key
            qtbot.waitUntil(lambda: win.screen_name == "declined" and not win.runner.busy, timeout=8000)
            assert win.declined.message.text() == "Kortet virker ikke"
            shot(win, "secure-copy-refused")
        assert kiosk.checkout.recent_declines[0][1:] == ("card_not_genuine", "Alma")
    finally:
        shell.shutdown()
        kiosk.engine.dispose()
    assert "not genuine" in caplog.text and "…0001" in caplog.text
    for secret in (KEY, KEY.lower(), UID):  # never the key, never a whole UID in the log
        assert secret not in caplog.text
    with open(sim_db, "rb") as ledger:
        content = ledger.read()
    assert bytes.fromhex(KEY) not in content and KEY.encode() not in content and KEY.lower().encode() not in content


def test_refused_card_while_staff_give_a_new_card(qtbot, _staff_ui):  # noqa: F811 - the imported fixture
    """In staff mode a card that fails the check is never given to a child: staff keep their screen and
    read why; the refusal is in their alerts too."""
    from tests.test_ui_staff import JONAS, choose, click, unlock

    win, _clock, kiosk = _staff_ui
    unlock(qtbot, win, JONAS, "4321")
    s = win.staff_screen
    choose(qtbot, s, "noah")
    click(qtbot, s, "staff-assign")
    win.bridge.on_card_refused("04123456789ABC", "authentication failed")
    qtbot.waitUntil(lambda: s.status.text() == "✖ Kortet er ikke ægte (kopi eller anden klubs kort)", timeout=3000)
    assert win.screen_name == "staff" and not s.confirm.isVisible()
    assert not win.staff_ctl.assign_next
    assert kiosk.checkout.recent_declines[0][1] == "card_not_genuine"


def test_secure_tap_reader_gone_mid_authentication(secure_kiosk):
    """pcscd (and with it the reader) goes away while the card authenticates: a clean status, no card, no
    refusal, no crash; when it is back the next tap works."""
    kiosk, taps, daemon = secure_kiosk
    card = personalised_card(daemon.port)
    card.auth_delay_s = 1.5
    card.insert()
    time.sleep(0.9)  # inside the authentication
    daemon.stop()
    card.remove()
    taps.wait_status(lambda s: s.state in (DeviceState.DISCONNECTED, DeviceState.ERROR) and s.device == "PC/SC")
    assert taps.cards.empty() and taps.refused.empty()
    taps.statuses.clear()
    daemon.start()
    taps.wait_status(lambda s: s.state == DeviceState.READY, timeout=15)
    card.auth_delay_s = 0.0
    with card:
        assert taps.cards.get(timeout=8)[0] == UID


def test_refused_card_texts_in_english(qapp):
    from PySide6.QtCore import QLocale

    from pos_app.ui.assets import install_translation
    from pos_app.ui.staff_controller import decline_word
    from pos_app.ui.texts import ask_an_adult, child_message

    translator = install_translation(qapp, "en")
    try:
        message = child_message(Decline.CARD_NOT_GENUINE)
        assert (message.text, ask_an_adult(), message.ask) == ("This card doesn't work", "Ask a grown-up", True)
        assert decline_word("card_not_genuine") == "The card is not genuine (a copy or another club's card)"
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    assert decline_word("card_not_genuine") == "Kortet er ikke ægte (kopi eller anden klubs kort)"


def test_devices_read_card_in_secure_mode(pcscd, tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite")
    with personalised_card(pcscd.port):
        proc = run_cli("devices", "--config", str(cfg), "--read-card", "--timeout", "5")
    assert proc.returncode == 0 and proc.stdout.strip() == UID, proc.stderr
    time.sleep(1.0)
    with VirtualUidCard(UID, pcscd.port):
        proc = run_cli("devices", "--config", str(cfg), "--read-card", "--timeout", "5")
    assert proc.returncode == 1 and f"card {UID} refused: not genuine" in proc.stderr


# --- SUN settings -------------------------------------------------------------------------------
def test_portal_url_from_cards_or_finance_and_its_checks(tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite")
    assert load_config(cfg).cards.portal_url == ""
    text = cfg.read_text()
    cfg.write_text(text + '\n[finance]\nurl = "https://hub.example.dk/"\n')
    assert load_config(cfg).cards.portal_url == "https://hub.example.dk"  # [finance] url by default
    cfg.write_text(text + 'portal_url = "https://portal.example.dk"\n\n[finance]\nurl = "http://10.0.0.2:8000"\n')
    assert load_config(cfg).cards.portal_url == "https://portal.example.dk"  # portal_url wins
    cfg.write_text(text + 'portal_url = "hub.example.dk"\n')
    with pytest.raises(ConfigError, match="portal_url"):
        load_config(cfg)
    cfg.write_text(text + f'portal_url = "https://{"h" * 240}.dk"\n')
    proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "1")
    assert proc.returncode == 2 and "too long" in proc.stderr  # refused before a card is touched


def test_cards_sun_key_writes_a_new_private_file_and_never_prints_the_key(tmp_path):
    cfg = write_config(tmp_path, tmp_path / "l.sqlite")
    out = tmp_path / "sun.key"
    proc = run_cli("cards", "sun-key", "--config", str(cfg), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    sun = nt.sun_master_key(bytes.fromhex(KEY), CLUB)
    assert out.read_text().strip() == sun.hex() and out.stat().st_mode & 0o777 == 0o600
    assert sun.hex() not in proc.stdout + proc.stderr and KEY.lower() not in out.read_text().lower()
    assert sun != bytes.fromhex(KEY) and sun not in (nt.card_key(bytes.fromhex(KEY), bytes.fromhex(UID), CLUB, k)
                                                      for k in (0, 1))  # fmt: skip
    proc = run_cli("cards", "sun-key", "--config", str(cfg), "--out", str(out))
    assert proc.returncode == 2 and "exists" in proc.stderr  # never overwritten
    proc = run_cli("cards", "sun-key", "--config", str(cfg), "--out", str(tmp_path / "no" / "dir.key"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
