"""What the application needs from each kind of device."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class DeviceState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    READY = "ready"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    device: str  # a name a person recognises, e.g. the reader's PC/SC name
    state: DeviceState
    detail: str = ""


OnStatus = Callable[[DeviceStatus], None]


class CardReader(Protocol):
    """Calls ``on_card`` once per card placed, with the UID as upper-case hex, from its own thread."""

    def start(self, on_card: Callable[[str], None], on_status: OnStatus) -> None: ...

    def stop(self) -> None: ...


class BarcodeScanner(Protocol):
    """Calls ``on_code`` once per scanned code (without its terminator), from its own thread."""

    def start(self, on_code: Callable[[str], None], on_status: OnStatus) -> None: ...

    def stop(self) -> None: ...


class DriverError(Exception):
    """Root of the driver errors."""


class DeviceNotFound(DriverError):
    pass


class DeviceDisconnected(DriverError):
    pass


class DeviceTimeout(DriverError):
    pass


class ReceiptPrinter(Protocol):
    """Prints one document or raises ``PrinterError``; ``status`` tells how it went last."""

    name: str
    status: DeviceStatus

    def print_document(self, doc: Any) -> None: ...
