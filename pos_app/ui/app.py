"""The kiosk window and the entry point of the Qt shell."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPalette
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from drivers.wedge import WedgeDecoder
from pos_app.bootstrap import Kiosk, build_kiosk
from pos_app.config import Config, data_dir
from pos_app.domain.checkout import Decline
from pos_app.logging_setup import log_to_file
from pos_app.services.checkout import (
    Added,
    Approved,
    Cancelled,
    Declined,
    Failed,
    Identified,
    Ignored,
    Outcome,
    Removed,
)
from pos_app.services.demo import DEMO_GUIDE, card_code
from pos_app.services.devices import find_devices
from pos_app.services.printing import PrinterWorker
from pos_app.services.sync_status import sync_status
from sync.service import SyncService

from .assets import install_translation
from .bridge import DeviceBridge, KeyboardWedgeFilter
from .devices_screen import DevicesScreen
from .screens import DeclineScreen, DoneScreen, IdleScreen, SessionScreen
from .staff_controller import StaffController
from .staff_screen import PinScreen, StaffScreen
from .tasks import TaskRunner
from .texts import ask_an_adult, decline_message, oops

log = logging.getLogger(__name__)
STARTED = time.monotonic()

CARD_REASONS = {Decline.UNKNOWN_CARD, Decline.CARD_BLOCKED, Decline.CARD_LOST, Decline.CHILD_BLOCKED}
DECLINE_SCREEN_S = 5.0

DEMO_NAMES = ((1, "Alma"), (2, "Noah"), (3, "Freja"), (4, "Oscar"), (5, "Ida"), (6, "William"), (8, "Karl"))
DEMO_CARDS = [(card_code(i), name) for i, name in DEMO_NAMES]


class CrashSignal(QObject):
    """Global exception hooks report here; the window shows "Spørg en voksen" instead of dying."""

    crashed = Signal(str)


class KioskWindow(QWidget):
    def __init__(self, kiosk: Kiosk, runner: TaskRunner, bridge: DeviceBridge) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.runner = runner
        self.bridge = bridge
        self.allow_close = not kiosk.config.fullscreen
        self.setWindowTitle("Club kiosk")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#111111"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.idle = IdleScreen(kiosk.config.club_name, DEMO_CARDS if kiosk.demo else ())
        self.session = SessionScreen()
        self.done = DoneScreen()
        self.declined = DeclineScreen()
        self.devices = DevicesScreen()
        self.pin = PinScreen()
        self.staff_screen = StaffScreen()
        self.staff_ctl = StaffController(kiosk, runner, self.staff_screen, self.pin, self)
        for screen in (self.idle, self.session, self.done, self.declined, self.devices, self.pin, self.staff_screen):
            self.stack.addWidget(screen)
        layout.addWidget(self.stack)
        self._names = {self.idle: "idle", self.session: "session", self.done: "done", self.declined: "declined",
                       self.devices: "devices", self.pin: "pin", self.staff_screen: "staff"}  # fmt: skip
        self._device_test: str | None = None  # "card" or "scan" while the devices screen waits for one
        self._pin_since: float | None = None

        self._back_timer = QTimer(self, singleShot=True)
        self._back_timer.timeout.connect(self._on_back_timer)
        self._back_to = "idle"
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._sync_timer = QTimer(self, interval=30_000)
        self._sync_timer.timeout.connect(self.refresh_sync_dot)
        self._sync_timer.start()

        bridge.device_status_changed.connect(self.idle.set_device_status)
        bridge.device_status_changed.connect(self.devices.show_status)
        bridge.sync_finished.connect(lambda _outcome: self.refresh_sync_dot())
        self.devices.back_tapped.connect(self._devices_back)
        self.pin.cancelled.connect(self.show_idle)
        self.devices.refresh_tapped.connect(self._refresh_devices)
        self.devices.test_card_tapped.connect(lambda: self._wait_device_test("card"))
        self.devices.test_scan_tapped.connect(lambda: self._wait_device_test("scan"))
        self.devices.test_print_tapped.connect(self._print_test_page)
        bridge.card_tapped.connect(self._on_card_tapped)
        bridge.code_scanned.connect(self._on_code_scanned)
        runner.failed.connect(self._on_failed)
        self.idle.demo_card_tapped.connect(self._on_card_tapped)
        self.session.product_tapped.connect(self._on_product_tapped)
        self.session.plus_tapped.connect(self._on_product_tapped)
        self.session.minus_tapped.connect(self._on_minus_tapped)
        self.session.pay_tapped.connect(self._on_pay_tapped)
        self.session.cancel_tapped.connect(self._on_cancel_tapped)
        self.declined.back_tapped.connect(self._on_decline_back)
        self._on_tick()
        self.refresh_sync_dot()

    # --- state -------------------------------------------------------------------------------
    @property
    def screen_name(self) -> str:
        return self._names[self.stack.currentWidget()]

    def _show(self, screen: QWidget, back_after_s: float | None = None, back_to: str = "idle") -> None:
        self._pin_since = time.monotonic() if screen is self.pin else None
        self.stack.setCurrentWidget(screen)
        self._back_timer.stop()
        if back_after_s is not None:
            self._back_to = back_to
            self._back_timer.start(int(back_after_s * 1000))

    def _call(self, op: Callable[[], Outcome]) -> None:
        self.runner.run(op, self.show_outcome)

    # --- input -------------------------------------------------------------------------------
    # --- the superuser's devices screen (opened from staff mode) ---------------------------
    def show_devices(self) -> None:
        self._refresh_devices()
        self._show(self.devices)

    def _refresh_devices(self) -> None:
        printer = self.kiosk.printer
        name = printer.name if printer is not None else None
        self.runner.run(lambda: find_devices(name), self.devices.show_found)

    def _wait_device_test(self, what: str) -> None:
        self._device_test = what
        self.devices.show_result(self.tr("Hold et kort på læseren …") if what == "card"
                                 else self.tr("Scan en stregkode …"))  # fmt: skip

    def _print_test_page(self) -> None:
        kiosk = self.kiosk
        if kiosk.print_queue is None or kiosk.receipts is None or kiosk.printer is None:
            self.devices.show_result(self.tr("Ingen printer sat op"))
            return
        queue, doc = kiosk.print_queue, kiosk.receipts.test_page()
        self.runner.run(lambda: queue.enqueue("test", doc), lambda _r: self._after_test_print())

    def _after_test_print(self) -> None:
        for wake in self.kiosk.wake_printer:
            wake()
        self.devices.show_result(self.tr("Testudskrift sendt"))

    def _device_test_input(self, kind: str, value: str) -> bool:
        """On the devices screen input is a test, never a purchase."""
        if self.screen_name != "devices":
            return False
        if self._device_test == kind:
            self.devices.show_result((self.tr("Kort: %1") if kind == "card" else self.tr("Stregkode: %1"))
                                     .replace("%1", value))  # fmt: skip
            self._device_test = None
        return True

    def _devices_back(self) -> None:
        staff = self.kiosk.staff
        self._show(self.staff_screen if staff is not None and staff.session is not None else self.idle)

    def show_idle(self) -> None:
        self._show(self.idle)

    def show_staff(self) -> None:
        self._show(self.staff_screen)

    def show_pin(self) -> None:
        self._show(self.pin)

    def quit_kiosk(self) -> None:
        self.allow_close = True
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def club_renamed(self, name: str) -> None:
        self.idle.club.setText(name)

    def _on_card_tapped(self, uid: str) -> None:
        if self._device_test_input("card", uid):
            return
        if self.screen_name == "pin":
            return  # the PIN pad is waiting for a PIN, not a card
        if self.screen_name == "staff" and self.staff_ctl.assign_next:
            self.staff_ctl.card_tapped_in_staff_mode(uid)
            return
        checkout, staff = self.kiosk.checkout, self.kiosk.staff

        def tap() -> Any:
            if staff is not None and staff.is_staff_card(uid):
                return ("staff_card", uid)
            if staff is not None:
                staff.session = None  # a child's card ends staff mode and starts the child's session
            return checkout.tap(uid)

        self.runner.run(tap, self._after_tap)

    def _after_tap(self, result: Any) -> None:
        if isinstance(result, tuple) and result[0] == "staff_card":
            self.kiosk.checkout.cancel()
            self.staff_ctl.staff_card_tapped(result[1])
            return
        self.show_outcome(result)

    def _on_code_scanned(self, code: str) -> None:
        if self._device_test_input("scan", code):
            return
        checkout = self.kiosk.checkout
        self._call(lambda: checkout.scan(code))

    def _on_product_tapped(self, product_id: str) -> None:
        checkout = self.kiosk.checkout
        self._call(lambda: checkout.add(product_id, 1))

    def _on_minus_tapped(self, product_id: str) -> None:
        checkout = self.kiosk.checkout
        self._call(lambda: checkout.remove(product_id))

    def _on_pay_tapped(self) -> None:
        self.session.pay.setEnabled(False)  # one tap, one payment
        self._call(self.kiosk.checkout.pay)

    def _on_cancel_tapped(self) -> None:
        self._call(self.kiosk.checkout.cancel)

    def _on_decline_back(self) -> None:
        self._back_timer.stop()
        self._call(self._session_or_cancel)

    def _session_or_cancel(self) -> Outcome:
        co = self.kiosk.checkout
        return Removed("", co.basket()) if co.child is not None else Cancelled()

    def _on_back_timer(self) -> None:
        if self._back_to == "session":
            self._on_decline_back()
        else:
            self._show(self.idle)

    def _on_tick(self) -> None:
        self.idle.clock.setText(datetime.now(self.kiosk.config.tz).strftime("%H:%M"))
        staff = self.kiosk.staff
        if staff is not None and self.screen_name in ("staff", "devices") and not self.runner.busy:
            self.runner.run(staff.expire_if_idle, lambda ended: ended and self._show(self.idle))
        if self.screen_name == "pin" and self._pin_since is not None and time.monotonic() - self._pin_since > 60:
            self._show(self.idle)
        if self.screen_name in ("session", "declined") and not self.runner.busy:
            checkout = self.kiosk.checkout
            self.runner.run(checkout.expire_if_idle, self._on_expired)

    def _on_expired(self, ended: bool) -> None:
        if ended:
            self._show(self.idle)

    def refresh_sync_dot(self) -> None:
        self.runner.run(self.kiosk.checkout.sync_online, self.idle.set_sync)
        kiosk = self.kiosk
        offline_after = kiosk.checkout.settings.offline_after_s
        self.runner.run(lambda: sync_status(kiosk.engine, kiosk.clock.now(), offline_after), self.devices.show_sync)

    def _on_failed(self, _what: str) -> None:
        self.show_crash()

    def show_crash(self) -> None:
        self.declined.show_decline(oops(), ask_an_adult(), can_go_back=False)
        self._show(self.declined, DECLINE_SCREEN_S)

    # --- output ------------------------------------------------------------------------------
    def show_outcome(self, outcome: Outcome) -> None:
        match outcome:
            case Identified():
                self.session.show_child(outcome, self.kiosk.checkout.basket())
                self._show(self.session)
            case Added() | Removed():
                self.session.banner.hide()
                self.session.show_basket(outcome.basket)
                if self.screen_name != "session":
                    self._show(self.session)
            case Approved():
                self.done.show_done(outcome.first_name, outcome.balance_ore)
                self._show(self.done, self.kiosk.config.done_screen_s)
            case Declined() if outcome.reason in CARD_REASONS:
                self.declined.show_decline(decline_message(outcome.reason), ask_an_adult(), can_go_back=False)
                self._show(self.declined, DECLINE_SCREEN_S)
            case Declined():
                self.session.pay.setEnabled(True)
                self.declined.show_decline(decline_message(outcome.reason), "", can_go_back=True)
                self._show(self.declined, DECLINE_SCREEN_S, back_to="session")
            case Cancelled():
                self._show(self.idle)
            case Failed():
                log.info("request refused: %s", outcome.message)
                if self.screen_name == "session":
                    self.session.pay.setEnabled(True)
                    self.session.show_banner(self.tr("Ukendt stregkode") if outcome.key == "unknown_barcode"
                                             else oops())  # fmt: skip
            case Ignored():
                pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.allow_close:
            event.accept()
        else:
            event.ignore()  # a child cannot leave the kiosk


def install_crash_hooks(crash: CrashSignal) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
        crash.crashed.emit(exc_type.__name__)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


class StaffActivityFilter(QObject):
    """Any touch or key while staff mode is open keeps it open (it closes after 60 s untouched)."""

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self._kiosk = kiosk

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin):
            staff = self._kiosk.staff
            if staff is not None and staff.session is not None:
                staff.touch()
        return False


class KioskShell:
    """The window with its runner, device bridge, keyboard-wedge filter, devices and printer worker."""

    def __init__(self, kiosk: Kiosk) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.kiosk = kiosk
        self.runner = TaskRunner()
        self.bridge = DeviceBridge()
        cfg = kiosk.config
        # In the demo a person types the codes, so any typing speed is accepted there.
        decoder = WedgeDecoder(max_gap_ms=10_000 if kiosk.demo else cfg.wedge_max_gap_ms,
                               min_length=cfg.wedge_min_length)  # fmt: skip
        self.wedge = KeyboardWedgeFilter(self.bridge, decoder)
        app.installEventFilter(self.wedge)
        self.activity = StaffActivityFilter(kiosk)
        app.installEventFilter(self.activity)
        self.window = KioskWindow(kiosk, self.runner, self.bridge)
        self.printer_worker: PrinterWorker | None = None
        if kiosk.printer is not None and kiosk.print_queue is not None:
            self.printer_worker = PrinterWorker(kiosk.print_queue, kiosk.printer, self.bridge.on_status,
                                                db_call=self.runner.call_blocking)  # fmt: skip
            kiosk.wake_printer.append(self.printer_worker.wake)
        self.sync_service: SyncService | None = None
        if kiosk.sync_engine is not None:
            kiosk.sync_engine.use_db_worker(self.runner.call_blocking)
            self.sync_service = SyncService(kiosk.sync_engine, kiosk.sync_interval_s, on_outcome=self.bridge.on_sync)
            kiosk.wake_printer.append(self.sync_service.wake)

    def start_devices(self) -> None:
        if self.kiosk.card_reader is not None:
            self.kiosk.card_reader.start(self.bridge.on_card, self.bridge.on_status)
        for scanner in self.kiosk.scanners:
            scanner.start(self.bridge.on_code, self.bridge.on_status)
        if self.printer_worker is not None:
            self.printer_worker.start()
        if self.sync_service is not None:
            self.sync_service.start()

    def shutdown(self) -> None:
        """Stop and join every thread: devices, printer, then the database worker."""
        if self.kiosk.card_reader is not None:
            self.kiosk.card_reader.stop()
        for scanner in self.kiosk.scanners:
            scanner.stop()
        if self.printer_worker is not None:
            self.printer_worker.stop()
        if self.sync_service is not None:
            self.sync_service.stop()
        if self.kiosk.demo_finance is not None:
            self.kiosk.demo_finance.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
            app.removeEventFilter(self.activity)
        self.runner.shutdown()


def run_kiosk(config: Config, demo: bool = False, argv: list[str] | None = None) -> int:
    log_path = log_to_file(data_dir() / "logs")
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    install_translation(app, config.language)
    kiosk = build_kiosk(config, demo=demo)
    if kiosk.demo:
        print(DEMO_GUIDE, flush=True)
    print(f"log: {log_path}", flush=True)
    shell = KioskShell(kiosk)
    window = shell.window
    shell.start_devices()
    crash = CrashSignal()
    crash.crashed.connect(lambda _name: window.show_crash())
    install_crash_hooks(crash)

    def quit_on_signal(_signum: int, _frame: Any) -> None:
        window.allow_close = True
        app.quit()

    signal.signal(signal.SIGINT, quit_on_signal)
    signal.signal(signal.SIGTERM, quit_on_signal)
    wake = QTimer(interval=250)  # lets Python run its signal handlers while Qt waits
    wake.timeout.connect(lambda: None)
    wake.start()
    if config.fullscreen:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    if os.environ.get("CLUB_KIOSK_EXIT_WHEN_IDLE"):  # for the cold-start benchmark: quit once idle is shown
        def idle_shown() -> None:
            print(f"idle screen shown after {time.monotonic() - STARTED:.3f} s", flush=True)
            window.allow_close = True
            app.quit()

        QTimer.singleShot(0, idle_shown)
    code = app.exec()
    shell.shutdown()
    kiosk.engine.dispose()
    log.info("kiosk stopped")
    return int(code)
