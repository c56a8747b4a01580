"""Fakes for unit tests of logic and for the demo. Real drivers are tested against real stacks."""

from __future__ import annotations

from collections.abc import Callable

from .protocols import DeviceState, DeviceStatus, OnStatus


class _FakeInput:
    def __init__(self, name: str) -> None:
        self.name = name
        self._emit: Callable[[str], None] | None = None
        self._on_status: OnStatus | None = None

    def start(self, on_value: Callable[[str], None], on_status: OnStatus) -> None:
        self._emit, self._on_status = on_value, on_status
        on_status(DeviceStatus(self.name, DeviceState.READY))

    def stop(self) -> None:
        if self._on_status:
            self._on_status(DeviceStatus(self.name, DeviceState.DISCONNECTED))
        self._emit = self._on_status = None

    def _send(self, value: str) -> None:
        if self._emit is None:
            raise RuntimeError(f"{self.name} is not started")
        self._emit(value)


class FakeCardReader(_FakeInput):
    def __init__(self, name: str = "Fake card reader") -> None:
        super().__init__(name)

    def place(self, uid: str) -> None:
        self._send(uid)


class FakeBarcodeScanner(_FakeInput):
    def __init__(self, name: str = "Fake scanner") -> None:
        super().__init__(name)

    def scan(self, code: str) -> None:
        self._send(code)
