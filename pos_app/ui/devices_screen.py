"""The superuser's devices screen: what is connected, each device's status, and a test for each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from drivers.protocols import DeviceStatus
from pos_app.services.devices import FoundDevice


class DevicesScreen(QWidget):
    back_tapped = Signal()
    refresh_tapped = Signal()
    test_card_tapped = Signal()
    test_scan_tapped = Signal()
    test_print_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("QWidget { font-size: 22px; } QPushButton { min-height: 72px; padding: 0 18px; }")
        layout = QVBoxLayout(self)
        band = QLabel(self.tr("Enheder (superbruger)"))
        band.setStyleSheet("background: #4a148c; color: #fff; font-size: 30px; font-weight: bold; padding: 12px;")
        layout.addWidget(band)
        self.found = QListWidget(objectName="found")
        layout.addWidget(self.found, 1)
        self.statuses = QLabel("", objectName="statuses")
        self.statuses.setWordWrap(True)
        layout.addWidget(self.statuses)
        self.result = QLabel("", objectName="result")
        self.result.setStyleSheet("font-size: 28px; font-weight: bold;")
        layout.addWidget(self.result)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, signal in (
            ("refresh", self.tr("Søg igen"), self.refresh_tapped),
            ("card", self.tr("Læs et kort"), self.test_card_tapped),
            ("scan", self.tr("Test scanner"), self.test_scan_tapped),
            ("print", self.tr("Testudskrift"), self.test_print_tapped),
            ("back", self.tr("Tilbage"), self.back_tapped),
        ):
            button = QPushButton(text, objectName=f"devices-{key}")
            button.clicked.connect(signal)
            self.buttons[key] = button
            row.addWidget(button)
        layout.addLayout(row)
        self._status: dict[str, DeviceStatus] = {}

    def show_found(self, devices: list[FoundDevice]) -> None:
        self.found.clear()
        for d in devices:
            self.found.addItem(f"{d.kind}: {d.name}" + (f" ({d.detail})" if d.detail else ""))
        if not devices:
            self.found.addItem(self.tr("Ingen enheder fundet"))

    def show_status(self, status: DeviceStatus) -> None:
        self._status[status.device] = status
        self.statuses.setText("\n".join(f"{s.device}: {s.state.value} {s.detail}".rstrip()
                                        for s in self._status.values()))  # fmt: skip

    def show_result(self, text: str) -> None:
        self.result.setText(text)
