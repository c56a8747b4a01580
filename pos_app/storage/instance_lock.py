"""One kiosk per ledger: an exclusive lock on ``<ledger>.lock`` held for the kiosk's whole run.

A second kiosk started on the same database finds the lock taken and stops before it touches any
file (the demo would otherwise replace the ledger under the running kiosk). The operating system
releases the lock when the process dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO


class LedgerInUse(Exception):
    """Another kiosk holds the ledger."""

    def __init__(self, db_path: Path, holder: str) -> None:
        self.db_path = db_path
        self.holder = holder
        super().__init__(f"another kiosk is already running on {db_path}" + (f" (process {holder})" if holder else ""))


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = Path(f"{db_path}.lock")
        self._file: IO[str] | None = None

    def acquire(self) -> InstanceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the kiosk's lifetime
        try:
            _lock(f)
        except OSError:
            f.seek(0)
            holder = f.read().strip()[:20]
            f.close()
            raise LedgerInUse(self.db_path, holder) from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        self._file = f
        return self

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops the lock
            self._file = None


def _lock(f: IO[str]) -> None:
    if sys.platform == "win32":  # pragma: no cover - the kiosk also runs on Windows tablets
        import msvcrt

        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
