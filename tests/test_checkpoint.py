"""The WAL checkpointer: the ledger's WAL is copied into the database file on a background thread, on a
real SQLite file, and the thread is joined when it stops."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
import time
from datetime import timedelta
from pathlib import Path

from pos_app.services.checkout import Approved, CheckoutService, CheckoutSettings
from pos_app.storage.checkpoint import WalCheckpointer
from pos_app.storage.db import WAL_AUTOCHECKPOINT_PAGES


def _settle(engine) -> None:
    """Schema and snapshot into the database file, the WAL emptied: what follows is only in the WAL."""
    raw = engine.raw_connection()
    try:
        assert raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        raw.close()


def _sell(engine, clock, n: int) -> None:
    co = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
    for i in range(n):
        clock.set(clock.now() + timedelta(seconds=2))
        co.tap("BARN01" if i % 2 else "BARN02")
        co.add("bun")
        assert isinstance(co.pay(), Approved)


def _journal_rows_in_main_file(db_path: Path, tmp_path: Path) -> int:
    """The journal rows in the database file alone (a copy without its -wal): what checkpoints put there."""
    copy = tmp_path / "main-only.sqlite"
    shutil.copyfile(db_path, copy)
    db = sqlite3.connect(copy)
    try:
        return int(db.execute("SELECT count(*) FROM journal").fetchone()[0])
    finally:
        db.close()


def _wait(predicate, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_checkpointer_copies_committed_sales_into_the_database_file(demo_engine, db_path, clock, tmp_path):
    _settle(demo_engine)
    _sell(demo_engine, clock, 5)  # a few sales: far below the autocheckpoint, they are only in the WAL
    assert _journal_rows_in_main_file(db_path, tmp_path) == 0
    checkpointer = WalCheckpointer(db_path, interval_s=0.02)
    checkpointer.start()
    try:
        _wait(lambda: checkpointer.checkpoints >= 1)
        busy, frames, done = checkpointer.last_result or (1, 0, -1)
        assert busy == 0 and frames > 0 and done == frames  # everything copied, nobody blocked it
        assert _journal_rows_in_main_file(db_path, tmp_path) == 5
        _sell(demo_engine, clock, 3)  # new commits: checkpointed again
        _wait(lambda: _journal_rows_in_main_file(db_path, tmp_path) == 8)
    finally:
        checkpointer.stop()
    assert "wal-checkpointer" not in [t.name for t in threading.enumerate()]


def test_checkpointer_does_nothing_while_nothing_is_committed(demo_engine, db_path, clock):
    _sell(demo_engine, clock, 1)
    checkpointer = WalCheckpointer(db_path, interval_s=0.01)
    checkpointer.start()
    try:
        _wait(lambda: checkpointer.checkpoints >= 1)
        time.sleep(0.05)  # let a checkpoint that raced the first look settle
        before = checkpointer.checkpoints
        time.sleep(0.2)  # twenty ticks without a commit
        assert checkpointer.checkpoints == before
        _sell(demo_engine, clock, 1)
        _wait(lambda: checkpointer.checkpoints > before)
    finally:
        checkpointer.stop()


def test_checkpointer_stops_promptly_and_is_joined(db_path, demo_engine):
    checkpointer = WalCheckpointer(db_path, interval_s=60.0)  # a long tick: stop must not wait for it
    checkpointer.start()
    t0 = time.monotonic()
    checkpointer.stop()
    assert time.monotonic() - t0 < 2.0
    assert not [t for t in threading.enumerate() if t.name == "wal-checkpointer"]


def test_checkpointer_on_a_missing_ledger_logs_and_creates_nothing(tmp_path, caplog):
    missing = tmp_path / "nope.sqlite"
    checkpointer = WalCheckpointer(missing, interval_s=0.01)
    with caplog.at_level(logging.ERROR, logger="pos_app.storage.checkpoint"):
        checkpointer.start()
        _wait(lambda: checkpointer._thread is not None and not checkpointer._thread.is_alive())
        checkpointer.stop()
    assert not missing.exists()
    assert any("checkpointer not started" in r.getMessage() for r in caplog.records)


def test_engine_connections_keep_the_autocheckpoint_backstop(demo_engine):
    raw = demo_engine.raw_connection()
    try:
        assert raw.driver_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_AUTOCHECKPOINT_PAGES
    finally:
        raw.close()


def _recorded_head(db_path: Path) -> tuple[int, str]:
    db = sqlite3.connect(db_path)
    try:
        row = db.execute("SELECT last_seq, last_hash FROM journal_head WHERE id = 1").fetchone()
        last = db.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])), (int(last[0]), str(last[1])) if last else (0, "")
    finally:
        db.close()


def test_checkpointer_records_the_journals_head_once_the_ledger_is_quiet(demo_engine, db_path, clock):
    from pos_app.services.journal import verify_journal

    _sell(demo_engine, clock, 3)
    recorded, last = _recorded_head(db_path)
    assert recorded[0] == 0 and last[0] == 3  # a sale writes no head row: the journal's last row is its head
    assert verify_journal(demo_engine).problem is None  # rows after the recorded head are fine
    checkpointer = WalCheckpointer(db_path, interval_s=0.02)
    checkpointer.start()
    try:
        _wait(lambda: _recorded_head(db_path)[0][0] == 3)  # quiet for a tick: recorded
        assert _recorded_head(db_path)[0] == _recorded_head(db_path)[1]
        _sell(demo_engine, clock, 2)
        _wait(lambda: _recorded_head(db_path)[0][0] == 5)
    finally:
        checkpointer.stop()
    assert checkpointer.heads_recorded == 2
    # the journal's end up to the recorded head cannot go unnoticed
    db = sqlite3.connect(db_path)
    db.execute("DELETE FROM journal WHERE seq = 5")
    db.commit()
    db.close()
    result = verify_journal(demo_engine)
    assert result.problem is not None and result.problem.seq == 5
    assert "journal ends at seq 4 but the head says 5" in result.problem.problem


def test_checkpointer_records_the_head_when_it_stops(demo_engine, db_path, clock):
    checkpointer = WalCheckpointer(db_path, interval_s=60.0)  # no tick before the stop
    checkpointer.start()
    try:
        _sell(demo_engine, clock, 4)
    finally:
        checkpointer.stop()
    recorded, last = _recorded_head(db_path)
    assert recorded == last and last[0] == 4


def test_checkpointer_does_not_wait_for_a_sale_to_record_the_head(demo_engine, db_path, clock):
    _sell(demo_engine, clock, 1)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a sale in progress
    try:
        checkpointer = WalCheckpointer(db_path)
        db = checkpointer._open()
        try:
            started = time.monotonic()
            assert checkpointer.record_head(db) is None  # busy: not a quiet moment, try later
            assert time.monotonic() - started < 0.5
        finally:
            db.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _recorded_head(db_path)[0][0] == 0


def test_the_z_report_records_the_journals_head(demo_engine, db_path, clock):
    from zoneinfo import ZoneInfo

    from pos_app.services.days import close_day, open_day_row

    _sell(demo_engine, clock, 3)  # the first sale opened the day
    assert _recorded_head(db_path)[0][0] == 0
    with demo_engine.begin() as conn:
        day = open_day_row(conn)
        assert day is not None
        close_day(conn, day, clock.now(), ZoneInfo("Europe/Copenhagen"), "s-1", None)
    recorded, last = _recorded_head(db_path)
    assert recorded == last and last[0] == 3


def _burst(db_path: Path, commits: int) -> None:
    """Back-to-back small durable commits (each one WAL frame), as fast as the disk takes them."""
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA synchronous=FULL")
    try:
        for _ in range(commits):
            db.execute("UPDATE kiosk_state SET heard_seq = heard_seq + 1 WHERE id = 1")
    finally:
        db.close()


def test_checkpointer_copies_in_the_quiet_gaps_between_bursts_of_sales(demo_engine, db_path):
    """Not between two back-to-back commits (the next sale would wait on its syncs) but in the first gap
    of quiet_s: each gap gets one complete checkpoint, so the WAL starts again from its beginning and
    SQLite's backstop (1,000 pages, inside a sale) is never reached."""
    _settle(demo_engine)
    checkpointer = WalCheckpointer(db_path, interval_s=0.05, quiet_s=0.1, max_busy_s=60.0)
    checkpointer.start()
    try:
        for _ in range(3):
            before = checkpointer.checkpoints
            _burst(db_path, 800)  # a few tenths of a second of back-to-back commits, far longer than a tick
            assert checkpointer.checkpoints <= before + 1  # none while they came (one, should the disk stall)
            _wait(lambda b=before: checkpointer.checkpoints > b)  # the gap: copied
            busy, frames, done = checkpointer.last_result
            assert busy == 0 and 0 < frames == done  # all of it
    finally:
        checkpointer.stop()


def test_checkpointer_copies_anyway_when_there_is_no_quiet_moment(demo_engine, db_path):
    checkpointer = WalCheckpointer(db_path, interval_s=0.05, quiet_s=0.5, max_busy_s=0.1)
    checkpointer.start()
    try:
        done = threading.Event()

        def keep_busy() -> None:  # commits far more often than every quiet_s, for a while
            while not done.is_set():
                _burst(db_path, 20)

        writer = threading.Thread(target=keep_busy)
        writer.start()
        try:
            _wait(lambda: checkpointer.checkpoints >= 2)  # after max_busy_s without a quiet moment
        finally:
            done.set()
            writer.join()
    finally:
        checkpointer.stop()


def test_checkpointer_backs_off_while_a_reader_keeps_an_old_snapshot(demo_engine, db_path, clock):
    """A checkpoint that cannot copy everything (a reader still needs the old pages: a long export, an
    upload) is tried again at the idle tick's pace, not at every quiet_s while that reader stays."""
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM journal").fetchone()  # holds its snapshot from here on
    checkpointer = WalCheckpointer(db_path, interval_s=0.2, quiet_s=0.005)
    try:
        _sell(demo_engine, clock, 3)  # after the reader's snapshot: these frames cannot all be copied
        checkpointer.start()
        time.sleep(1.0)
        assert 1 <= checkpointer.checkpoints <= 10  # about one an idle tick (at every quiet_s: ~150)
        busy, frames, done = checkpointer.last_result
        assert done < frames
    finally:
        checkpointer.stop()
        reader.execute("COMMIT")
        reader.close()
