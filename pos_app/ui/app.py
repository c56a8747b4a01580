"""The entry point of the Qt kiosk: `club-kiosk` (run) starts here."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos_app.bootstrap import LedgerInUse, build_kiosk
from pos_app.config import Config, data_dir
from pos_app.logging_setup import log_to_file
from pos_app.services.demo import DEMO_GUIDE

from .assets import install_translation
from .crash import CrashSignal, install_crash_hooks
from .shell import KioskShell

log = logging.getLogger(__name__)
STARTED = time.monotonic()
EXIT_ALREADY_RUNNING = 3  # another kiosk runs on the same ledger


def freeze_startup_objects() -> None:
    gc.collect()
    gc.freeze()
    log.info("start-up objects frozen for the garbage collector (%d)", gc.get_freeze_count())


def run_kiosk(config: Config, demo: bool = False, argv: list[str] | None = None) -> int:
    log_path = log_to_file(data_dir() / "logs")
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    install_translation(app, config.language)
    try:
        kiosk = build_kiosk(config, demo=demo, single=True)
    except LedgerInUse as exc:
        log.error("not started: %s", exc)
        print(f"club-kiosk: {exc}; not started, nothing was changed", file=sys.stderr, flush=True)
        return EXIT_ALREADY_RUNNING
    if kiosk.demo:
        print(DEMO_GUIDE, flush=True)
    print(f"log: {log_path}", flush=True)
    shell = KioskShell(kiosk)
    window = shell.window
    shell.start_devices()
    crash = CrashSignal()
    crash.crashed.connect(lambda _name: window.show_crash())
    install_crash_hooks(crash)

    def quit_on_signal(_signum: int, _frame: Any) -> None:
        window.allow_close = True
        app.quit()

    signal.signal(signal.SIGINT, quit_on_signal)
    signal.signal(signal.SIGTERM, quit_on_signal)
    wake = QTimer(interval=250)  # lets Python run its signal handlers while Qt waits
    wake.timeout.connect(lambda: None)
    wake.start()
    screen = app.primaryScreen()
    if config.fullscreen:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        if screen is not None:  # a bare X server (no window manager) does not size a full-screen window itself
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:  # a window of at most 1280x800 that fits the screen's free area
        free = screen.availableGeometry() if screen is not None else None
        window.resize(min(1280, free.width()) if free else 1280, min(800, free.height()) if free else 800)
        window.show()
    # Shortly after start-up, once the idle screen is painted: what exists then (modules, Qt wrappers,
    # SQLAlchemy's metadata, the catalogue) lives as long as the kiosk. Frozen into the permanent
    # generation, no garbage collection during a sale traverses it again: a full collection of it takes
    # milliseconds, more than a whole purchase (docs/benchmarks.md, p99). Nothing is freed later that
    # would have been: the frozen objects were alive, and the garbage was collected just before.
    QTimer.singleShot(2000, freeze_startup_objects)
    exit_when = os.environ.get("CLUB_KIOSK_EXIT_WHEN_IDLE", "")
    if exit_when:  # for the cold-start benchmark (and the demo's test): quit by itself
        # "synced": once idle is shown and the first sync round has finished (whatever its outcome;
        # at once without a finance side); any other value: as soon as idle is shown.
        wait_for_sync = exit_when == "synced" and shell.sync_service is not None
        pending = {"idle", "sync"} if wait_for_sync else {"idle"}

        def done(what: str) -> None:
            if what == "idle":
                print(f"idle screen shown after {time.monotonic() - STARTED:.3f} s", flush=True)
            elif what in pending:
                print(f"first sync round finished after {time.monotonic() - STARTED:.3f} s", flush=True)
            pending.discard(what)
            if not pending:
                window.allow_close = True
                app.quit()

        if wait_for_sync:
            shell.bridge.sync_finished.connect(lambda _outcome: done("sync"))
        QTimer.singleShot(0, lambda: done("idle"))
    code = app.exec()
    shell.shutdown()
    kiosk.engine.dispose()
    if kiosk.instance_lock is not None:
        kiosk.instance_lock.release()
    log.info("kiosk stopped")
    return int(code)
