"""Where device threads meet Qt: driver callbacks become queued signals on the GUI thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from drivers.protocols import DeviceStatus
from drivers.wedge import WedgeDecoder


class DeviceBridge(QObject):
    card_tapped = Signal(str)
    card_refused = Signal(str, str)  # (UID, why): a card that failed the secure-card check
    code_scanned = Signal(str)
    device_status_changed = Signal(object)
    sync_finished = Signal(object)

    # Callbacks handed to drivers; safe to call from any thread (signals are queued).
    def on_card(self, uid: str) -> None:
        self.card_tapped.emit(uid)

    def on_card_refused(self, uid: str, why: str) -> None:
        self.card_refused.emit(uid, why)

    def on_code(self, code: str) -> None:
        self.code_scanned.emit(code)

    def on_status(self, status: DeviceStatus) -> None:
        self.device_status_changed.emit(status)

    def on_sync(self, outcome: object) -> None:
        self.sync_finished.emit(outcome)


class KeyboardWedgeFilter(QObject):
    """An application-wide event filter that turns a scanner's fast keystrokes into codes.

    Children have no text fields, so printable keys are consumed here; a person typing slowly
    is ignored (the decoder resets), a scanner's burst ending in Enter becomes ``code_scanned``.
    """

    def __init__(self, bridge: DeviceBridge, decoder: WedgeDecoder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._decoder = decoder
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if isinstance(watched, QLineEdit | QAbstractSpinBox) or isinstance(
            QApplication.focusWidget(), QLineEdit | QAbstractSpinBox
        ):
            return False  # staff typing in a field
        assert isinstance(event, QKeyEvent)
        now_ms = time.monotonic_ns() / 1e6
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self._decoder.enter(now_ms)
            if code is not None:
                self._bridge.on_code(code)
                return True
            return False
        text = event.text()
        if len(text) == 1 and text.isprintable():
            self._decoder.feed(text, now_ms)
            return True
        return False
