"""The kiosk's Qt shell: the window with its task runner, device bridge, keyboard-wedge filter, devices,
printer worker, sync service and WAL checkpointer, started and stopped together."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from drivers.pcsc import PcscCardReader
from drivers.wedge import WedgeDecoder
from pos_app.bootstrap import Kiosk
from pos_app.services.printing import PrinterWorker
from sync.service import SyncService

from .bridge import DeviceBridge, KeyboardWedgeFilter
from .tasks import TaskRunner
from .window import KioskWindow


class ActivityFilter(QObject):
    """Any touch or key keeps the open session alive: staff mode (closes after 60 s untouched) and a child's
    session (a child browsing the tabs is still there). A press that lands right after the screen changed
    is dropped: it was meant for the screen before (a "Tilbage" tapped as the kiosk went back by itself)."""

    SETTLE_S = 0.35

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self._kiosk = kiosk
        self.window: KioskWindow | None = None
        self._last_touch = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin):
            return False
        window = self.window
        now = time.monotonic()
        if (kind is not QEvent.Type.KeyPress and window is not None
                and now - window.switched_at < self.SETTLE_S):  # fmt: skip
            return True
        staff = self._kiosk.staff
        if staff is not None and staff.session is not None:
            staff.touch()
        elif window is not None and window.screen_name == "session" and now - self._last_touch > 1.0:
            self._last_touch = now
            window.runner.run(self._kiosk.checkout.touch, lambda _r: None)
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
        self.activity = ActivityFilter(kiosk)
        app.installEventFilter(self.activity)
        self.window = KioskWindow(kiosk, self.runner, self.bridge)
        self.activity.window = self.window
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
        if self.kiosk.checkpointer is not None:
            self.kiosk.checkpointer.start()
        if self.kiosk.card_reader is not None:
            if isinstance(self.kiosk.card_reader, PcscCardReader):  # secure cards: a refused card has its screen
                self.kiosk.card_reader.on_refused = self.bridge.on_card_refused
            self.kiosk.card_reader.start(self.bridge.on_card, self.bridge.on_status)
        for scanner in self.kiosk.scanners:
            scanner.start(self.bridge.on_code, self.bridge.on_status)
        if self.printer_worker is not None:
            self.printer_worker.start()
        if self.sync_service is not None:
            self.sync_service.start()

    def shutdown(self) -> None:
        """Stop and join every thread: devices, printer, then the database worker; close the checkout's
        connection."""
        if self.kiosk.card_reader is not None:
            self.kiosk.card_reader.stop()
        for scanner in self.kiosk.scanners:
            scanner.stop()
        if self.printer_worker is not None:
            self.printer_worker.stop()
        if self.sync_service is not None:
            self.sync_service.stop()
        if self.kiosk.checkpointer is not None:
            self.kiosk.checkpointer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
            app.removeEventFilter(self.activity)
        self.runner.shutdown()
        self.kiosk.checkout.close()  # its held connection, now that no worker can use it
