"""WAL checkpoints off the purchase path: a background thread with its own sqlite3 connection.

In WAL mode a commit only appends to the ``-wal`` file (and, with ``synchronous=FULL``, fsyncs it:
that is what makes a sale durable). Copying those pages back into the database file (a checkpoint)
is not needed for durability. SQLite does it by itself in the committing connection once the WAL
holds ``wal_autocheckpoint`` pages (1,000), so that one sale in ~165 also copied every page changed
since the last checkpoint and fsynced the WAL and the database file. ``WalCheckpointer`` does that
work here instead, at the ledger's quiet moments: once an idle tick (``interval_s``) it asks whether
anyone committed since its last look (``PRAGMA data_version``, no I/O); after a commit it looks every
``quiet_s`` (5 ms) until it finds no commit since its last look, and then runs
``PRAGMA wal_checkpoint(PASSIVE)``, which never waits for nor blocks a writer or a reader. Not between
two back-to-back sales, where its syncs would queue before the next sale's on the disk, but in the first
gap; a checkpoint that copied everything lets the next writer start the WAL again from its beginning,
so the WAL stays far below the backstop. Busy for ``max_busy_s`` without a gap, it copies anyway.
Measured (docs/benchmarks.md): with the copy at the first quiet moment the backstop never ran inside a
back-to-back purchase of the bench (it did every ~280th, about 1 ms each, when this thread copied
once every 200 ms whenever anything had changed).

The engine's connections keep SQLite's ``wal_autocheckpoint`` of 1,000 pages (``db.WAL_AUTOCHECKPOINT_PAGES``)
as the backstop, and it also decides when the WAL starts again from its beginning: when it fires, the
frames this thread already copied are not copied again (in a kiosk, with seconds between sales, that
is all of them: the autocheckpoint then has nothing to copy and no fsync to do), and the next writer
reuses the WAL file from its start. Measured on the bench (docs/benchmarks.md): raising the mark
instead lets the WAL grow under back-to-back sales (a PASSIVE checkpoint never catches up at the
moment the next writer begins, so the WAL never restarts), and a commit that extends the file costs
about 0.12 ms more than one that overwrites it in place, more than the checkpoints it saves.

The thread also records the journal's head (``journal_head``, see ``storage.ledger.SQL_RECORD_HEAD``)
right after a checkpoint that copied everything (that small write starts the WAL again, and syncs its
header, in the quiet gap instead of in the next sale), once the ledger has been quiet for an idle tick,
and when it stops: a sale writes no head row of its own, and
``journal --verify`` checks that the journal still reaches the recorded head. It never waits for the
write lock (a sale holds it: not a quiet moment after all).

Should this thread die, the autocheckpoint still bounds the WAL. A crash (SIGKILL, power cut) at any
point, the middle of a checkpoint included, loses nothing committed: SQLite replays the WAL at the
next open.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from pos_app.storage.ledger import SQL_RECORD_HEAD
from pos_app.threads import WakeableWorker

log = logging.getLogger(__name__)


class WalCheckpointer(WakeableWorker):
    """Checkpoints the ledger's WAL (PASSIVE) on its own thread when something was committed.

    ``start()`` / ``stop()`` (joins the thread); ``wake()`` checks at once instead of at the next tick.
    """

    thread_name = "wal-checkpointer"

    def __init__(self, path: str | Path, interval_s: float = 0.2, synchronous: str = "FULL",
                 quiet_s: float = 0.005, max_busy_s: float = 1.0) -> None:  # fmt: skip
        if synchronous not in {"FULL", "NORMAL", "EXTRA"}:
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        super().__init__()
        self.path = Path(path)
        self.synchronous = synchronous
        self.interval_s = interval_s  # the idle tick; also how long the ledger is quiet before the head is recorded
        self.quiet_s = quiet_s  # a gap this long without a commit is a quiet moment to copy the WAL in
        self.max_busy_s = max_busy_s  # busy this long without such a gap: copy anyway
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

    def record_head(self, db: sqlite3.Connection) -> bool | None:
        """Record the journal's head (``journal_head``) if the journal went on since: a write transaction
        of its own, never waiting. True when it wrote, False when there was nothing to record, None when
        a sale held the write lock (not a quiet moment after all: later)."""
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return None
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
        seen: int | None = None  # data_version at the last look
        changed_at = time.monotonic()  # when it was last seen to change; at start: look closely at first
        pending_since: float | None = None  # the first change not checkpointed yet
        recorded: int | None = None  # data_version when the head was last recorded
        backoff = False  # the last checkpoint could not copy everything (a reader's old snapshot)
        try:
            while not self._stop.is_set():
                # Something to copy, or a commit within the last idle tick: look again soon, to catch
                # the first quiet moment; else once an idle tick.
                active = pending_since is not None or time.monotonic() - changed_at < self.interval_s
                self._wake.wait(self.quiet_s if active and not backoff else self.interval_s)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    # Changes by any other connection change data_version; reading it costs no I/O.
                    (version,) = db.execute("PRAGMA data_version").fetchone()
                    now = time.monotonic()
                    if version != seen:
                        seen, changed_at = version, now
                        pending_since = pending_since if pending_since is not None else now
                    quiet = now - changed_at
                    if quiet >= self.interval_s and version != recorded:  # a longer quiet: record the head
                        wrote = self.record_head(db)
                        if wrote and pending_since is None:
                            pending_since = now  # that wrote a WAL frame of its own
                        if wrote is not None:
                            recorded = version
                    if pending_since is None:
                        continue
                    # Copy at a quiet moment (no commit since the last look), not between two back-to-back
                    # sales; after max_busy_s without one, copy anyway (the WAL stays small).
                    if quiet < self.quiet_s and now - pending_since < self.max_busy_s:
                        continue
                    busy, frames, done = self.checkpoint_now(db)
                    # Not all copied (a reader still needs old pages, or another checkpoint ran): again, but
                    # at the idle tick's pace, not every quiet_s while that reader stays.
                    backoff = bool(busy or done < frames)
                    pending_since = now if backoff else None
                    # All copied: the next write starts the WAL again from its beginning and first syncs its
                    # header. Recording the head now is that write, here in the gap, not in the next sale.
                    if pending_since is None and self.record_head(db) is not None:
                        recorded = version
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
