"""The SQLite engine (WAL, synchronous=FULL, busy timeout, foreign keys) and Alembic at start."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event

log = logging.getLogger(__name__)

_DEFERRED = "club_kiosk_deferred_begin"
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
# SQLite checkpoints the WAL in the committing connection once it holds this many pages (SQLite's own
# default). The kiosk also checkpoints on a background thread (storage.checkpoint.WalCheckpointer), so
# that this one finds the pages copied already; it stays the backstop that bounds the WAL (~4 MiB) and
# lets the WAL restart under back-to-back sales (why not higher: see storage.checkpoint).
WAL_AUTOCHECKPOINT_PAGES = 1000


def make_engine(path: str | Path, synchronous: str = "FULL",
                wal_autocheckpoint: int = WAL_AUTOCHECKPOINT_PAGES) -> Engine:  # fmt: skip
    if synchronous not in {"FULL", "NORMAL", "EXTRA"}:
        raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
    # sqlite3 keeps each connection's prepared statements in an LRU cache keyed by the SQL text; a
    # large one keeps the hot path's constant statements (storage.ledger) prepared once for good.
    engine = create_engine(f"sqlite:///{path}", connect_args={"cached_statements": 512})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN (IMMEDIATE) itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA wal_autocheckpoint={int(wal_autocheckpoint)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock at BEGIN: a read-then-write never races another writer. A connection
        # from ``reading()`` begins deferred instead: a consistent snapshot, no write lock.
        # Straight on the sqlite3 connection: SQLAlchemy's execution machinery costs more than BEGIN.
        # Already in a transaction: ``immediate()`` began it on this sqlite3 connection, and SQLAlchemy
        # work inside that block (a receipt queued, a day opened) joins it instead of beginning again.
        raw = conn.connection.driver_connection
        if raw.in_transaction:
            return
        raw.execute("BEGIN" if conn.get_execution_options().get(_DEFERRED) else "BEGIN IMMEDIATE")

    return engine


def reading(engine: Engine) -> Connection:
    """A connection for reads only (use it as a context manager): its transaction starts with a
    deferred BEGIN, so it never takes nor waits for the write lock (WAL readers see a snapshot)."""
    return engine.connect().execution_options(**{_DEFERRED: True})


def driver(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy connection (the same transaction, the same statement cache)."""
    return cast(sqlite3.Connection, conn.connection.driver_connection)


class immediate:  # noqa: N801  (used as a function: ``with immediate(conn) as raw``)
    """One durable write transaction straight on ``conn``'s sqlite3 connection: ``BEGIN IMMEDIATE`` (the
    write lock at once), the block, ``COMMIT``; on any exception ``ROLLBACK``, nothing half-saved.

    The purchase's hot path: SQLAlchemy's unit of work (its transaction object, events and pool reset)
    costs more CPU than the sale's statements themselves. ``conn`` must not be in a transaction. SQLAlchemy
    statements run on ``conn`` inside the block join this transaction (see the "begin" listener), and
    SQLAlchemy's commit is then the COMMIT. A class rather than a generator: entered at every sale.
    """

    __slots__ = ("_conn", "_raw")

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._raw = driver(conn)

    def __enter__(self) -> sqlite3.Connection:
        if self._conn.in_transaction() or self._raw.in_transaction:
            raise RuntimeError("immediate(): the connection is already in a transaction")
        self._raw.execute("BEGIN IMMEDIATE")
        return self._raw

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        conn, raw = self._conn, self._raw
        if exc_type is None:
            try:
                if conn.in_transaction():  # SQLAlchemy joined: its commit commits the sqlite3 transaction
                    conn.commit()
                else:
                    raw.execute("COMMIT")
                return
            except BaseException:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        conn, raw = self._conn, self._raw
        try:
            if conn.in_transaction():
                conn.rollback()
        finally:
            if raw.in_transaction:  # e.g. COMMIT itself failed (disk full): the transaction is still open
                raw.execute("ROLLBACK")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_to(engine: Engine, dest: Path) -> None:
    """A consistent copy of the live database (WAL included) with SQLite's online backup API."""
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(dest)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()


def upgrade(engine: Engine, revision: str = "head", backup: bool = True) -> bool:
    """Migrate to ``revision``. Backs the file up first when there is something to migrate.

    Returns True when a migration ran.
    """
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return False
    db_path = engine.url.database
    if backup and current is not None and db_path and Path(db_path).exists():
        dest = Path(f"{db_path}.bak-{current}")
        backup_to(engine, dest)
        log.info("backed up the database to %s before migrating", dest.name)
    command.upgrade(alembic_config(engine), revision)
    log.info("database migrated from %s to %s", current, target)
    return True


# The ledger's SQL needs window functions (3.25) and UPDATE ... FROM (3.33, migration 0009).
MIN_SQLITE = (3, 33, 0)


def open_ledger_db(path: str | Path, synchronous: str = "FULL") -> Engine:
    """Create or open the database file and migrate it to head."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise RuntimeError(f"the ledger needs SQLite {'.'.join(map(str, MIN_SQLITE))} or newer; this Python "
                           f"has {sqlite3.sqlite_version}")  # fmt: skip
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path, synchronous)
    upgrade(engine)
    return engine
