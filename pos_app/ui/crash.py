"""Global exception hooks: a crash shows "Spørg en voksen" on the kiosk instead of ending it."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class CrashSignal(QObject):
    """Global exception hooks report here; the window shows "Spørg en voksen" instead of dying."""

    crashed = Signal(str)


def install_crash_hooks(crash: CrashSignal) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
        crash.crashed.emit(exc_type.__name__)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
