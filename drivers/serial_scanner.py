"""Barcode scanners on a serial port (or USB-serial), lines ended by CR, LF or CRLF."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from .protocols import DeviceState, DeviceStatus, OnStatus

log = logging.getLogger(__name__)

MAX_LINE = 64  # longer than any barcode or card code we accept


class LineAssembler:
    """Bytes in, scanned codes out. Pure: no I/O.

    A code ends at CR, LF or CRLF (a CR followed by LF is one terminator, even across reads).
    Lines with bytes other than printable ASCII, and lines longer than ``max_line``, are
    rejected (returned in ``rejected`` with a reason) instead of being passed on.
    """

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buf = bytearray()
        self._overlong = False
        self._after_cr = False
        self.rejected: list[str] = []

    def feed(self, data: bytes) -> list[str]:
        codes: list[str] = []
        for byte in data:
            if byte == 0x0A and self._after_cr:  # the LF of a CRLF
                self._after_cr = False
                continue
            self._after_cr = byte == 0x0D
            if byte in (0x0D, 0x0A):
                code = self._finish()
                if code is not None:
                    codes.append(code)
                continue
            if len(self._buf) >= self.max_line:
                self._overlong = True
            else:
                self._buf.append(byte)
        return codes

    def _finish(self) -> str | None:
        raw, overlong = bytes(self._buf), self._overlong
        self._buf.clear()
        self._overlong = False
        if not raw and not overlong:
            return None  # an empty line: nothing scanned
        if overlong:
            self.rejected.append(f"line longer than {self.max_line} bytes")
            return None
        if not all(0x20 < b < 0x7F for b in raw):
            self.rejected.append("line with bytes that are not printable ASCII")
            return None
        return raw.decode("ascii")


class SerialBarcodeScanner:
    """A ``BarcodeScanner`` on pyserial; reconnects with backoff when the port goes away."""

    def __init__(self, port: str, baudrate: int = 9600, read_timeout_s: float = 0.2, max_backoff_s: float = 3.0,
                 serial_factory: Callable[..., Any] | None = None) -> None:  # fmt: skip
        self.port = port
        self.baudrate = baudrate
        self.read_timeout_s = read_timeout_s
        self.max_backoff_s = max_backoff_s
        self._serial_factory = serial_factory
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_code: Callable[[str], None] = lambda code: None
        self._on_status: OnStatus = lambda status: None
        self._last: DeviceStatus | None = None
        self.status = DeviceStatus(port, DeviceState.DISCONNECTED, "not started")

    def start(self, on_code: Callable[[str], None], on_status: OnStatus) -> None:
        self._on_code, self._on_status = on_code, on_status
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner-{self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _report(self, state: DeviceState, detail: str = "") -> None:
        status = DeviceStatus(self.port, state, detail)
        self.status = status
        if status != self._last:
            self._last = status
            log.info("scanner %s: %s %s", self.port, state.value, detail)
            try:
                self._on_status(status)
            except Exception:
                log.exception("status callback failed")

    def _open(self) -> Any:
        import serial

        factory = self._serial_factory or serial.serial_for_url
        return factory(self.port, baudrate=self.baudrate, timeout=self.read_timeout_s)

    def _run(self) -> None:
        import serial

        backoff = 0.2
        while not self._stop.is_set():
            self._report(DeviceState.CONNECTING)
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as exc:
                self._report(DeviceState.DISCONNECTED, f"cannot open: {exc.__class__.__name__}")
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            backoff = 0.2
            self._report(DeviceState.READY)
            assembler = LineAssembler()
            try:
                while not self._stop.is_set():
                    data = port.read(port.in_waiting or 1)
                    if not data:
                        continue
                    codes = assembler.feed(data)
                    for reason in assembler.rejected:  # logged first: they came before the codes after them
                        log.warning("scanner %s: rejected a %s", self.port, reason)
                    assembler.rejected.clear()
                    for code in codes:
                        try:
                            self._on_code(code)
                        except Exception:
                            log.exception("scan callback failed")
            except (serial.SerialException, OSError) as exc:
                self._report(DeviceState.DISCONNECTED, f"port lost: {exc.__class__.__name__}")
            finally:
                try:
                    port.close()
                except Exception:
                    pass
            self._stop.wait(backoff)
        self._report(DeviceState.DISCONNECTED, "stopped")
