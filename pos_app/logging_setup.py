"""Logging: a rotating file in the app's data folder, or stderr for command-line tools."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


class RotatingLog(logging.handlers.RotatingFileHandler):
    """A rotating log file that formats each record once. The standard handler formats a record a second
    time only to measure it for the size check (0.03 ms of a purchase's 0.09 ms of CPU for its one log
    line); here the file rolls over once it has reached ``maxBytes``, so a file may end one line longer."""

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - the standard library's name
        if self.stream is None:
            self.stream = self._open()
        return self.maxBytes > 0 and self.stream.tell() >= self.maxBytes


def log_to_file(folder: Path, level: int = logging.INFO) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kiosk.log"
    handler = RotatingLog(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def log_to_stderr(level: int = logging.WARNING) -> None:
    logging.basicConfig(level=level, format=FORMAT)
