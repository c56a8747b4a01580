"""Run an operation off the GUI thread and deliver its result on it.

All database work goes through one worker thread (max_workers=1), as in Anki's task manager:
no "database is locked", and operations run in the order they were asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object)
    failed = Signal(str)  # a message safe to log; the UI shows "Spørg en voksen"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._finished.connect(self._on_finished)
        self._pending = 0
        self._closed = False

    def run(self, op: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        if self._closed:
            log.debug("runner closed: %s not run", getattr(op, "__name__", op))
            return
        self._pending += 1
        future = self._pool.submit(op)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done)))

    def call_blocking(self, op: Callable[[], Any]) -> Any:
        """For other worker threads (printer, sync): run ``op`` on the database worker and wait."""
        return self._pool.submit(op).result()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @Slot(object)
    def _on_finished(self, payload: tuple[Future[Any], Callable[[Any], None]]) -> None:
        future, on_done = payload
        self._pending -= 1
        try:
            result = future.result()
        except Exception as exc:  # the boundary: log it, show a kind message, keep running
            log.error("operation failed", exc_info=exc)
            self.failed.emit(type(exc).__name__)
            return
        on_done(result)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=False)
