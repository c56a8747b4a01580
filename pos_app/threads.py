"""A background worker thread that can be woken early and is always joined on stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def direct_call(op: Callable[[], T]) -> T:
    """Run a database operation right here (command-line tools, tests); the kiosk passes its DB worker."""
    return op()


class WakeableWorker:
    """Subclasses implement ``_run`` and wait with ``self._wake`` / check ``self._stop``."""

    thread_name = "worker"
    join_timeout_s = 15.0

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Something happened (a sale, a person asked): work now instead of at the next timer."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self.join_timeout_s)
            self._thread = None

    def _run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError
