"""The whole path in the Qt kiosk offscreen, with real device stacks:
a virtual card placed on the PC/SC reader -> child identified -> pay -> receipt bytes at a TCP printer;
and a serial scanner on a pty adding a product."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_app.bootstrap import build_kiosk
from pos_app.config import Config, DevicesConfig
from pos_app.domain.clock import SystemClock
from pos_app.services.demo import nfc_uid
from pos_app.ui.shell import KioskShell
from tests.support.stacks.escpos_decode import decode
from tests.support.stacks.socat import Socat
from tests.support.stacks.tcp_printer import TcpPrinter
from tests.support.stacks.vpcd_card import VirtualUidCard
from tests.support.ui import shot, wait_screen


@pytest.fixture
def device_shell(qtbot, tmp_path: Path, pcscd):
    if shutil.which("socat") is None:
        pytest.fail("socat is required (scripts/test installs it)")
    printer = TcpPrinter()
    socat = Socat(tmp_path)
    socat.start()
    devices = DevicesConfig(card_reader=True, card_reader_pattern="Virtual PCD 00 00", printer="network",
                            printer_host="127.0.0.1", printer_port=printer.port, printer_timeout_s=3,
                            scanner_port=str(socat.app_end))  # fmt: skip
    cfg = replace(Config(), fullscreen=False, db_path=tmp_path / "ledger.sqlite", devices=devices,
                  club_name="Fritten", offline_after_s=10**9, done_screen_s=0.5)  # fmt: skip
    threads_before = set(threading.enumerate())
    kiosk = build_kiosk(cfg, demo=True, clock=SystemClock())
    shell = KioskShell(kiosk)
    shell.start_devices()
    qtbot.addWidget(shell.window)
    shell.window.resize(1280, 800)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    qtbot.waitUntil(lambda: kiosk.card_reader.status.state.value == "ready", timeout=5000)
    yield shell, printer, socat, pcscd
    shell.shutdown()
    kiosk.engine.dispose()
    socat.stop()
    printer.close()
    left = [t for t in set(threading.enumerate()) - threads_before if t.is_alive() and t.name != "tcp-printer"]
    ours = ("pcsc-reader", "printer", "wal-checkpointer")
    assert not [t.name for t in left if t.name in ours or t.name.startswith(("db", "scanner"))]


def test_ui_card_on_reader_to_receipt_on_printer(qtbot, device_shell):
    shell, printer, socat, daemon = device_shell
    win = shell.window
    with VirtualUidCard(nfc_uid(2), daemon.port):  # Noah's NFC card
        wait_screen(qtbot, win, "session")
        assert win.session.hello.text() == "Hej Noah!"
        qtbot.mouseClick(win.session.tiles["toast"], Qt.MouseButton.LeftButton)
        socat.write(b"5701234000020\r\n")  # the serial scanner adds a Saft
        qtbot.waitUntil(lambda: win.session.total.text() == "I alt 20,00 kr", timeout=5000)  # catalogue prices
        shot(win, "devices-basket")
        qtbot.mouseClick(win.session.pay, Qt.MouseButton.LeftButton)
        wait_screen(qtbot, win, "done")
        assert win.done.new_balance.text() == "Ny saldo 27,50 kr"
    (data,) = printer.wait_jobs(1, timeout=10)
    receipt = decode(data)
    assert "Barn: Noah P." in receipt.lines
    assert any(line.startswith("1 x Toast") and line.endswith("7,50 kr") for line in receipt.lines)
    assert any(line.startswith("1 x Saft") and line.endswith("5,00 kr") for line in receipt.lines)
    assert any(line.startswith("Ny saldo") and line.endswith("27,50 kr") for line in receipt.lines)
    assert len(receipt.qr) == 1 and receipt.qr[0] in receipt.lines  # the QR carries the txn id


def test_ui_unknown_serial_barcode_shows_a_banner(qtbot, device_shell):
    shell, _printer, socat, daemon = device_shell
    win = shell.window
    with VirtualUidCard(nfc_uid(1), daemon.port):
        wait_screen(qtbot, win, "session")
        socat.write(b"4006381333931\r")  # a valid EAN that is not in the catalogue
        qtbot.waitUntil(lambda: win.session.banner.isVisible(), timeout=5000)
        assert win.session.banner.text() == "Ukendt stregkode"


def test_ui_devices_screen_lists_and_tests_each_device(qtbot, device_shell):
    shell, printer, socat, daemon = device_shell
    win = shell.window
    win.show_devices()
    qtbot.waitUntil(lambda: win.devices.found.count() >= 3, timeout=5000)
    items = [win.devices.found.item(i).text() for i in range(win.devices.found.count())]
    assert "card-reader: Virtual PCD 00 00" in items
    assert any(item.startswith("printer: 127.0.0.1:") for item in items)
    qtbot.mouseClick(win.devices.buttons["card"], Qt.MouseButton.LeftButton)
    with VirtualUidCard("DEADBEEF", daemon.port) as card:
        try:
            qtbot.waitUntil(lambda: win.devices.result.text() == "Kort: DEADBEEF", timeout=5000)
        except Exception:
            raise AssertionError(f"{win.devices.result.text()!r} {shell.kiosk.card_reader.status} apdus={card.apdus}"
                                 f" {win.devices.statuses.text()!r}") from None
    assert win.screen_name == "devices"  # a test read never starts a purchase
    qtbot.mouseClick(win.devices.buttons["scan"], Qt.MouseButton.LeftButton)
    socat.write(b"20123451\n")
    qtbot.waitUntil(lambda: win.devices.result.text() == "Stregkode: 20123451", timeout=5000)
    qtbot.mouseClick(win.devices.buttons["print"], Qt.MouseButton.LeftButton)
    (data,) = printer.wait_jobs(1, timeout=10)
    assert "Æble, Øl, Åben: æ ø å Æ Ø Å" in decode(data).lines
    shot(win, "devices")
    qtbot.mouseClick(win.devices.buttons["back"], Qt.MouseButton.LeftButton)
    assert win.screen_name == "idle"
