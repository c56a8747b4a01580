"""WAL checkpoints off the purchase path: a background thread with its own sqlite3 connection.

In WAL mode a commit only appends to the ``-wal`` file (and, with ``synchronous=FULL``, fsyncs it:
that is what makes a sale durable). Copying those pages back into the database file (a checkpoint)
is not needed for durability. SQLite does it by itself in the committing connection once the WAL
holds ``wal_autocheckpoint`` pages (1,000), so that one sale in ~165 also copied every page changed
since the last checkpoint and fsynced the WAL and the database file. ``WalCheckpointer`` does that
work here instead: every ``interval_s`` it asks the ledger whether anyone committed since its last
look (``PRAGMA data_version``, no I/O) and, if so, runs ``PRAGMA wal_checkpoint(PASSIVE)``, which
never waits for nor blocks a writer or a reader.

The engine's connections keep SQLite's ``wal_autocheckpoint`` of 1,000 pages (``db.WAL_AUTOCHECKPOINT_PAGES``)
as the backstop, and it also decides when the WAL starts again from its beginning: when it fires, the
frames this thread already copied are not copied again (in a kiosk, with seconds between sales, that
is all of them: the autocheckpoint then has nothing to copy and no fsync to do), and the next writer
reuses the WAL file from its start. Measured on the bench (docs/benchmarks.md): raising the mark
instead lets the WAL grow under back-to-back sales (a PASSIVE checkpoint never catches up at the
moment the next writer begins, so the WAL never restarts), and a commit that extends the file costs
about 0.12 ms more than one that overwrites it in place, more than the checkpoints it saves.

The thread also records the journal's head (``journal_head``, see ``storage.ledger.SQL_RECORD_HEAD``)
once the ledger has been quiet for a whole tick (no commit by anyone between two ticks: between sales, a
fraction of a second after the last one) and when it stops: a sale writes no head row of its own, and
``journal --verify`` checks that the journal still reaches the recorded head. It never waits for the
write lock (a sale holds it: not a quiet moment after all).

Should this thread die, the autocheckpoint still bounds the WAL. A crash (SIGKILL, power cut) at any
point, the middle of a checkpoint included, loses nothing committed: SQLite replays the WAL at the
next open.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from pos_app.storage.ledger import SQL_RECORD_HEAD
from pos_app.threads import WakeableWorker

log = logging.getLogger(__name__)


class WalCheckpointer(WakeableWorker):
    """Checkpoints the ledger's WAL (PASSIVE) on its own thread when something was committed.

    ``start()`` / ``stop()`` (joins the thread); ``wake()`` checks at once instead of at the next tick.
    """

    thread_name = "wal-checkpointer"

    def __init__(self, path: str | Path, interval_s: float = 0.2, synchronous: str = "FULL") -> None:
        if synchronous not in {"FULL", "NORMAL", "EXTRA"}:
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        super().__init__()
        self.path = Path(path)
        self.synchronous = synchronous
        self.interval_s = interval_s
        self.checkpoints = 0  # checkpoints run (for tests and the bench)
        self.last_result: tuple[int, int, int] | None = None  # SQLite's (busy, WAL frames, frames copied)
        self.heads_recorded = 0  # times the journal's head was recorded (for tests)

    def _open(self) -> sqlite3.Connection:
        # The existing ledger only (mode=rw never creates a file); it is in WAL mode already. The
        # checkpoint fsyncs the WAL and the database file as the ledger's own connections would. No
        # busy wait: a PASSIVE checkpoint does what it can now and the next tick does the rest.
        uri = self.path.resolve().as_uri() + "?mode=rw"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA synchronous={self.synchronous}")
        db.execute("PRAGMA busy_timeout=0")
        return db

    def checkpoint_now(self, db: sqlite3.Connection) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: SQLite's (busy, frames in the WAL, frames checkpointed)."""
        busy, frames, done = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        self.checkpoints += 1
        self.last_result = (int(busy), int(frames), int(done))
        return self.last_result

    def record_head(self, db: sqlite3.Connection) -> bool:
        """Record the journal's head (``journal_head``) if the journal went on since: a write transaction
        of its own, never waiting (busy: the next quiet tick does it). True when it wrote."""
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # a sale holds the write lock: not a quiet moment after all
            return False
        try:
            changed = db.execute(SQL_RECORD_HEAD).rowcount > 0
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.heads_recorded += changed
        return changed

    def _run(self) -> None:
        try:
            db = self._open()
        except sqlite3.Error as exc:  # the autocheckpoint backstop still bounds the WAL
            log.error("WAL checkpointer not started: %s", exc)
            return
        checkpointed: int | None = None  # data_version when everything was last copied
        seen: int | None = None  # data_version at the previous tick
        recorded: int | None = None  # data_version when the head was last recorded
        try:
            while not self._stop.is_set():
                self._wake.wait(self.interval_s)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    # Changes by any other connection change data_version; reading it costs no I/O.
                    (version,) = db.execute("PRAGMA data_version").fetchone()
                    if version == seen and version != recorded:  # quiet for a whole tick: record the head
                        if self.record_head(db):
                            checkpointed = None  # that wrote a WAL frame of its own
                        recorded = version
                    seen = version
                    if version == checkpointed:
                        continue
                    busy, frames, done = self.checkpoint_now(db)
                    # Not all copied (a reader still needed old pages, or another checkpoint ran): next tick.
                    checkpointed = None if busy or done < frames else version
                except sqlite3.Error as exc:  # e.g. the disk is full or the file went away: try again later
                    log.warning("WAL checkpoint failed: %s", exc)
                    self._stop.wait(max(self.interval_s, 1.0))
            try:  # stopping (the kiosk closing): the head as it is now
                db.execute("PRAGMA busy_timeout=1000")
                self.record_head(db)
            except sqlite3.Error as exc:
                log.warning("recording the journal's head at stop failed: %s", exc)
        finally:
            db.close()
