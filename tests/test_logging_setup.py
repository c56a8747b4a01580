"""The kiosk's rotating log file: every record formatted once, written once, and the file rolls over."""

from __future__ import annotations

import logging

from pos_app.logging_setup import FORMAT, RotatingLog


class CountingFormatter(logging.Formatter):
    calls = 0

    def format(self, record: logging.LogRecord) -> str:
        CountingFormatter.calls += 1
        return super().format(record)


def test_rotating_log_formats_each_record_once_and_rolls_over(tmp_path):
    path = tmp_path / "kiosk.log"
    handler = RotatingLog(path, maxBytes=1_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(CountingFormatter(FORMAT))
    log = logging.getLogger("test.rotating")
    log.propagate, log.level = False, logging.INFO
    log.addHandler(handler)
    try:
        for n in range(60):
            log.info("sale seq %d committed", n)
    finally:
        log.removeHandler(handler)
        handler.close()
    assert CountingFormatter.calls == 60
    files = [path, *(tmp_path / f"kiosk.log.{i}" for i in (1, 2, 3))]
    assert all(f.exists() for f in files[:2])  # it rolled over
    lines = [ln for f in files if f.exists() for ln in f.read_text(encoding="utf-8").splitlines()]
    kept = sorted(int(ln.rsplit("seq ", 1)[1].split()[0]) for ln in lines)
    assert kept == sorted(set(kept)) and kept[-1] == 59  # no line twice; the newest kept
    assert all(f.stat().st_size < 1_000 + 200 for f in files if f.exists())  # at most one line past the limit
