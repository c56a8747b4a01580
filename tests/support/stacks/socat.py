"""A pty pair made by socat: the kiosk opens one end, the test writes to the other as a scanner."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


class Socat:
    def __init__(self, folder: Path) -> None:
        self.app_end = folder / "scanner"  # the kiosk opens this end
        self.dev_end = folder / "device"  # the test writes here, as the scanner would
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["socat", f"pty,raw,echo=0,link={self.app_end}", f"pty,raw,echo=0,link={self.dev_end}"],
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 5
        while not (self.app_end.exists() and self.dev_end.exists()):
            assert time.monotonic() < deadline, "socat did not make the pty pair"
            time.sleep(0.02)

    def write(self, data: bytes) -> None:
        fd = os.open(self.dev_end, os.O_WRONLY | os.O_NOCTTY)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(5)
            self.proc = None
        deadline = time.monotonic() + 5
        while self.app_end.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
