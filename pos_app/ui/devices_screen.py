"""The superuser's devices screen: what is connected, each device's status, and a test for each.

Sized from the window's scale unit like the staff screen (``apply_scale(u)``): the band and the test
buttons stay on the screen; what was found and the statuses scroll where the window is too low."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from drivers.protocols import DeviceStatus
from pos_app.services.devices import DiskSpace, FoundDevice

from .screens import FitLabel, px
from .staff_screen import BUTTON_LEAST, ROW_LEAST, band_css, scrolled, touch_px, wrapping
from .widgets import FitButton, named, plain_label


class DevicesScreen(QWidget):
    back_tapped = Signal()
    refresh_tapped = Signal()
    test_card_tapped = Signal()
    test_scan_tapped = Signal()
    test_print_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.tz: tzinfo = ZoneInfo("Europe/Copenhagen")  # the kiosk's time zone (set by the window)
        layout = QVBoxLayout(self)
        self._layout = layout
        self.band = FitLabel(self.tr("Enheder (superbruger)"), "devices_band")
        layout.addWidget(self.band)
        content = QWidget()
        clay = QVBoxLayout(content)
        clay.setContentsMargins(0, 0, 0, 0)
        self.found = named(QListWidget(), "found")
        self.found.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        clay.addWidget(self.found, 1)
        self.disk = wrapping(named(plain_label(""), "disk"))
        clay.addWidget(self.disk)
        self.sync = wrapping(named(plain_label(""), "sync_status"))
        clay.addWidget(self.sync)
        self.statuses = wrapping(named(plain_label(""), "statuses"))
        self.statuses.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        clay.addWidget(self.statuses)
        self.scroll_area = scrolled(content, "devices_scroll")
        layout.addWidget(self.scroll_area, 1)
        self.result = wrapping(named(plain_label(""), "result"))
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
            button = FitButton(text, f"devices-{key}")
            button.clicked.connect(signal)
            self.buttons[key] = button
            row.addWidget(button, 1)
        layout.addLayout(row)
        self.apply_scale(1.0)
        self._status: dict[str, DeviceStatus] = {}

    def apply_scale(self, u: float) -> None:
        """Buttons 72 px high at u = 1 (1280×800), never below what fits 683×400 (1024×600 at Qt scale 1.5)."""
        m = px(u, 11, 3)
        self._layout.setContentsMargins(m, m, m, m)
        self._layout.setSpacing(px(u, 8, 4))
        self.setStyleSheet(f"QWidget {{ font-size: {px(u, 22, 12)}px; }} QPushButton {{ padding: 0 {px(u, 18, 4)}px; }}"
                           f" QListWidget::item {{ min-height: {touch_px(u, 48, ROW_LEAST)}px; }}")  # fmt: skip
        self.band.setStyleSheet(band_css(u))
        self.found.setMinimumHeight(2 * touch_px(u, 48, ROW_LEAST) + 4)
        self.result.setStyleSheet(f"font-size: {px(u, 28, 14)}px; font-weight: bold;")
        for button in self.buttons.values():
            button.setFixedHeight(px(u, 72, BUTTON_LEAST + 4))

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
            when = status.last_sync_at.astimezone(self.tz)  # stored in UTC; staff read the club's time
            parts.append(self.tr("sidst: %1").replace("%1", when.strftime("%d.%m %H:%M")))
        if status.rejected_open:
            parts.append(self.tr("afvist: %1").replace("%1", str(status.rejected_open)))
        if status.blocked:
            parts.append(self.tr("STOPPET: %1").replace("%1", status.blocked))
        elif status.last_error:
            parts.append(self.tr("fejl: %1").replace("%1", status.last_error))
        self.sync.setText(" · ".join(parts))

    def show_result(self, text: str) -> None:
        self.result.setText(text)
