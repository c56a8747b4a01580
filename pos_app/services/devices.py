"""Finding and testing devices: what `club-kiosk devices` and the superuser's devices screen show."""

from __future__ import annotations

import logging
import queue
import shutil
from dataclasses import dataclass
from pathlib import Path

from drivers.protocols import CardReader, DeviceStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FoundDevice:
    kind: str  # card-reader, serial, printer
    name: str
    detail: str = ""

    def line(self) -> str:
        return f"{self.kind}\t{self.name}" + (f"\t{self.detail}" if self.detail else "")


LOW_DISK_BYTES = 200 * 1024 * 1024  # below this the superuser is warned: a full disk stops every sale


@dataclass(frozen=True, slots=True)
class DiskSpace:
    folder: str
    free_bytes: int
    total_bytes: int

    @property
    def low(self) -> bool:
        return self.free_bytes < LOW_DISK_BYTES

    def text(self) -> str:
        mib = self.free_bytes / (1024 * 1024)
        free = f"{mib / 1024:.1f} GiB" if mib >= 1024 else f"{mib:.0f} MiB"
        return f"{free} free of {self.total_bytes / 1024**3:.1f} GiB" + (" - LOW" if self.low else "")


def disk_space(db_path: Path) -> DiskSpace | None:
    """Free space where the ledger lives (None when it cannot be read)."""
    folder = Path(db_path).resolve().parent
    try:
        usage = shutil.disk_usage(folder)
    except OSError as exc:
        log.warning("cannot read free disk space: %s", exc.__class__.__name__)
        return None
    return DiskSpace(str(folder), usage.free, usage.total)


def find_devices(printer_name: str | None = None) -> list[FoundDevice]:
    found: list[FoundDevice] = []
    try:
        from drivers.pcsc import list_readers

        found += [FoundDevice("card-reader", name) for name in list_readers()]
    except Exception as exc:  # no PC/SC library: nothing to list, say why in the log
        log.warning("cannot list PC/SC readers: %s", exc.__class__.__name__)
    try:
        from serial.tools import list_ports

        found += [FoundDevice("serial", p.device, p.description if p.description != "n/a" else "")
                  for p in sorted(list_ports.comports(), key=lambda p: p.device)]  # fmt: skip
    except Exception as exc:
        log.warning("cannot list serial ports: %s", exc.__class__.__name__)
    try:
        import usb.core

        for dev in usb.core.find(find_all=True, custom_match=_is_usb_printer) or []:
            found.append(FoundDevice("printer", f"usb:{dev.idVendor:04x}:{dev.idProduct:04x}", "USB printer class"))
    except Exception as exc:  # no libusb backend, no permission...
        log.info("cannot list USB printers: %s", exc.__class__.__name__)
    if printer_name:
        found.append(FoundDevice("printer", printer_name, "configured"))
    return found


def _is_usb_printer(dev: object) -> bool:
    try:
        if getattr(dev, "bDeviceClass", None) == 7:
            return True
        return any(intf.bInterfaceClass == 7 for cfg in dev for intf in cfg)  # type: ignore[attr-defined]
    except Exception:
        return False


@dataclass(frozen=True, slots=True)
class RefusedCard:
    """A card the reader's secure-card check refused (``[cards] mode`` secure or mixed)."""

    uid: str
    why: str


def read_one_card(reader: CardReader, timeout_s: float = 10.0
                  ) -> tuple[str | RefusedCard | None, DeviceStatus | None]:  # fmt: skip
    """Wait up to ``timeout_s`` for one card; its UID (a ``RefusedCard`` when the secure-card check refused
    it, None when none came) and the reader's last status."""
    cards: queue.Queue[str | RefusedCard] = queue.Queue()
    last: list[DeviceStatus] = []
    if hasattr(reader, "on_refused"):  # the PC/SC reader with a secure-card check
        reader.on_refused = lambda uid, why: cards.put(RefusedCard(uid, why))
    reader.start(cards.put, last.append)
    try:
        return cards.get(timeout=timeout_s), (last[-1] if last else None)
    except queue.Empty:
        return None, (last[-1] if last else None)
    finally:
        reader.stop()
