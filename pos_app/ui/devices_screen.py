"""The superuser's devices screen: what is connected, each device's status, and a test for each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from drivers.protocols import DeviceStatus
from pos_app.services.devices import DiskSpace, FoundDevice

from .widgets import named


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
        self.found = named(QListWidget(), "found")
        layout.addWidget(self.found, 1)
        self.disk = named(QLabel(""), "disk")
        layout.addWidget(self.disk)
        self.sync = named(QLabel(""), "sync_status")
        self.sync.setWordWrap(True)
        layout.addWidget(self.sync)
        self.statuses = named(QLabel(""), "statuses")
        self.statuses.setWordWrap(True)
        self.statuses.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.statuses.setMinimumHeight(110)
        self.statuses.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.statuses)
        self.result = named(QLabel(""), "result")
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
            button = named(QPushButton(text), f"devices-{key}")
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

    def show_disk(self, space: DiskSpace | None) -> None:
        if space is None:
            self.disk.setText(self.tr("Diskplads: ukendt"))
            return
        mib = space.free_bytes // (1024 * 1024)
        text = self.tr("Diskplads: %1 MB fri").replace("%1", f"{mib:,}".replace(",", "."))
        if space.low:  # a full disk stops every sale: say it in words and colour
            text = "⚠ " + text + " — " + self.tr("for lidt, ryd op eller tilkald hjælp")
        self.disk.setText(text)
        self.disk.setStyleSheet("color: #b71c1c; font-weight: bold;" if space.low else "")

    def show_status(self, status: DeviceStatus) -> None:
        self._status[status.device] = status
        self.statuses.setText("\n".join(f"{s.device}: {s.state.value} {s.detail}".rstrip()
                                        for s in self._status.values()))  # fmt: skip

    def show_sync(self, status: object) -> None:
        from pos_app.services.sync_status import SyncStatus

        assert isinstance(status, SyncStatus)
        parts = [self.tr("Synkronisering: online") if status.online else self.tr("Synkronisering: offline"),
                 self.tr("ikke sendt: %1").replace("%1", str(status.unsent))]  # fmt: skip
        if status.oldest_unsent_at:
            parts.append(self.tr("ældste: %1").replace("%1", status.oldest_unsent_at[:16].replace("T", " ")))
        if status.last_sync_at:
            parts.append(self.tr("sidst: %1").replace("%1", status.last_sync_at.strftime("%d.%m %H:%M")))
        if status.rejected_open:
            parts.append(self.tr("afvist: %1").replace("%1", str(status.rejected_open)))
        if status.blocked:
            parts.append(self.tr("STOPPET: %1").replace("%1", status.blocked))
        elif status.last_error:
            parts.append(self.tr("fejl: %1").replace("%1", status.last_error))
        self.sync.setText(" · ".join(parts))

    def show_result(self, text: str) -> None:
        self.result.setText(text)
