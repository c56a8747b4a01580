"""Repositories over the local ledger. Each method works inside a unit of work the caller opened.

The hot path (tap, pay, and every journal append) runs a few fixed SQL statements straight on the
unit of work's sqlite3 connection (``_raw``): each statement is a constant string, so sqlite3's
per-connection statement cache prepares it once and every later call only binds values. The rest
uses SQLAlchemy Core. Both run in the same transaction on the same connection.

Running figures (see ``_running``): every journal row carries its child's running sum of
``balance_delta_ore`` and the child's spending on the row's business date up to that row, written
once with the row by ``append``, the one function every journal write goes through. A balance is the
finance side's plus the running sum's growth since the last row the finance side applied (two index
probes), today's spending and today's offline spending are the child's newest row: never a sum over the
journal, no other row written, and a purchase costs the same with 0 or 100,000 unsynced transactions.
A snapshot changes nothing of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from pos_app.domain.journal import GENESIS_HASH, TXN_FIELDS, chain_hash
from pos_app.domain.model import Card, CardUid, Child, ChildId, Product, ProductId
from pos_app.domain.snapshot import Snapshot

from .db import driver
from .models import CardRow, ChildRow, JournalHeadRow, JournalRow, KioskStateRow, ProductRow, StaffRow, table

_child_t = table(ChildRow)
_card_t = table(CardRow)
_product_t = table(ProductRow)
_staff_t = table(StaffRow)
_journal_t = table(JournalRow)
_head_t = table(JournalHeadRow)
_state_t = table(KioskStateRow)

_CHILD_COLS = (
    _child_t.c.child_id, _child_t.c.display_name, _child_t.c.friplads_pct, _child_t.c.payment_mode,
    _child_t.c.balance_ore, _child_t.c.balance_applied_seq, _child_t.c.daily_limit_ore,
    _child_t.c.credit_limit_ore, _child_t.c.restrictions, _child_t.c.blocked,
)  # fmt: skip

# Statements built once with bind parameters: each call only binds values (SQLAlchemy caches the SQL).
_Q_CARD = select(_card_t.c.card_uid, _card_t.c.child_id, _card_t.c.status).where(
    _card_t.c.card_uid == bindparam("uid")
)
_Q_CHILD = select(*_CHILD_COLS).where(_child_t.c.child_id == bindparam("child_id"))
_Q_HEAD = select(_head_t.c.last_seq, _head_t.c.last_hash).where(_head_t.c.id == 1)
_Q_STATE = select(
    _state_t.c.club_id, _state_t.c.kiosk_id, _state_t.c.snapshot_cursor, _state_t.c.last_sync_at,
    _state_t.c.catalogue_generation, _state_t.c.applied_seq, _state_t.c.sync_blocked, _state_t.c.last_sync_error,
    _state_t.c.last_sync_attempt_at, _state_t.c.heard_seq,
).where(_state_t.c.id == 1)  # fmt: skip


def _child(row: Any) -> Child:
    return Child(
        ChildId(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], frozenset(row[8]), bool(row[9])
    )


# --- the hot path's SQL, on the sqlite3 connection (prepared once per connection by its cache) -----
# Running figures (see ``_running``): every journal row carries its child's running sum of
# balance_delta_ore, the child's newest business date so far (``figures_date``) and the child's spending
# on that date up to that row. A child's figures are on its newest row (``lr``), found through
# ix_journal_child_seq.
_LATEST_ROW = "LEFT JOIN journal lr ON lr.seq = (SELECT max(seq) FROM journal WHERE child_id = c.child_id) "
# The journal's head (last seq and hash) is its last row: a sale writes no other row for it.
_LAST_ROW = "LEFT JOIN journal lj ON lj.seq = (SELECT max(seq) FROM journal) "
_HEAD_COLS = f"coalesce(lj.seq, 0), coalesce(lj.hash, '{GENESIS_HASH}')"
# The balance: the finance side's, plus what its running sum grew since the last row the finance side
# applied (``balance_applied_seq``): one more probe of the same index, never a sum.
_BALANCE = ("c.balance_ore + coalesce(lr.child_cum_delta_ore, 0) - coalesce((SELECT a.child_cum_delta_ore "
            "FROM journal a WHERE a.child_id = c.child_id AND a.seq <= c.balance_applied_seq "
            "ORDER BY a.seq DESC LIMIT 1), 0)")  # fmt: skip
_SPENT_EFFECT = "CASE kind WHEN 'sale' THEN net_ore WHEN 'refund' THEN -net_ore WHEN 'void' THEN -net_ore ELSE 0 END"
_OFFLINE_EFFECT = "CASE WHEN kind = 'sale' AND offline THEN net_ore ELSE 0 END"


def _day_figure(column: str, effect: str, date: str) -> str:
    """The child's ``column`` figure for business date ``date`` (an SQL expression): 0 when the child
    has no row dated that day or later, the newest row's figure when that day is the child's newest
    date; a sum only for a day before the child's newest date (asked only when the clock was set back
    past the child's last purchase: a business day's own date never runs backwards)."""
    return (f"CASE WHEN lr.seq IS NULL OR lr.figures_date < {date} THEN 0 "
            f"WHEN lr.figures_date = {date} THEN lr.{column} "
            f"ELSE (SELECT coalesce(sum({effect}), 0) FROM journal WHERE child_id = c.child_id "
            f"AND business_date = {date}) END")  # fmt: skip


def _figures(date: str) -> str:
    return (_day_figure("day_spent_net_ore", _SPENT_EFFECT, date) + ", "
            + _day_figure("day_offline_sales_net_ore", _OFFLINE_EFFECT, date))  # fmt: skip


_RAW_CHILD_COLS = ("c.child_id, c.display_name, c.friplads_pct, c.payment_mode, c.balance_ore, "
                   "c.balance_applied_seq, c.daily_limit_ore, c.credit_limit_ore, c.restrictions, c.blocked, "
                   + _BALANCE)  # fmt: skip
# A tap: the card, its child with the balance, the last sync and the child's figures for the business
# date a sale would get (the clock's date ?2, or the open day's when that is later: the clock was set back);
# with what paying reads besides (the newest business day, the journal's head, the child's newest row's
# running figures), so that paying need not read again when nobody else has committed since.
_TAP_DATE = "max(?2, CASE WHEN d.closed_at IS NULL THEN coalesce(d.business_date, '') ELSE '' END)"
_SQL_TAP = (
    "SELECT s.catalogue_generation, k.card_uid, k.child_id, k.status, " + _RAW_CHILD_COLS + ", "
    "s.last_sync_at, " + _figures(_TAP_DATE) + ", " + _TAP_DATE + ", d.id, d.business_date, d.closed_at, "
    + _HEAD_COLS + ", lr.figures_date, lr.child_cum_delta_ore, lr.day_spent_net_ore, "
    "lr.day_offline_sales_net_ore "
    "FROM kiosk_state s LEFT JOIN business_days d ON d.id = (SELECT max(id) FROM business_days) " + _LAST_ROW +
    "LEFT JOIN cards k ON k.card_uid = ?1 LEFT JOIN children c ON c.child_id = k.child_id "
    + _LATEST_ROW + "WHERE s.id = 1"
)
_TAP_COLS = 28  # the columns of _SQL_TAP; _SQL_IDENTIFY's staff columns follow them
# Identifying a code in card form: a staff member's card, and everything a tap reads (see ``_SQL_TAP``),
# in one statement, so that the tap that follows need not read again (``CheckoutService.identify``).
_SQL_IDENTIFY = _SQL_TAP.replace(
    " FROM kiosk_state s ", ", st.staff_id, st.display_name FROM kiosk_state s LEFT JOIN "
    "(SELECT staff_id, display_name FROM staff WHERE card_uid = ?1 LIMIT 1) st ", 1)
assert _SQL_IDENTIFY != _SQL_TAP
# Paying: the open business day (the newest; at most one is open), the last sync, the child with its
# balance, and the child's figures for the business date, in one statement.
# With the journal's head (last seq and hash) and the child's newest row's running figures: the sale's
# row follows them, inside the same write lock.
_SQL_PAY = (
    "SELECT d.id, d.business_date, d.closed_at, s.last_sync_at, " + _RAW_CHILD_COLS + ", "
    + _figures("?2") + ", " + _HEAD_COLS + ", "
    "lr.figures_date, lr.child_cum_delta_ore, lr.day_spent_net_ore, lr.day_offline_sales_net_ore "
    "FROM kiosk_state s LEFT JOIN business_days d ON d.id = (SELECT max(id) FROM business_days) " + _LAST_ROW +
    "LEFT JOIN children c ON c.child_id = ?1 " + _LATEST_ROW + "WHERE s.id = 1"
)
_SQL_HEAD = f"SELECT {_HEAD_COLS} FROM (SELECT 1) {_LAST_ROW}"
# The recorded head (``journal_head``): the journal's last row as of a quiet moment (written by the WAL
# checkpointer in the ledger's quiet gaps and at its stop, and by the Z report), so that
# ``journal --verify`` notices rows removed from the journal's end up to it. Never moves back.
SQL_RECORD_HEAD = (
    "UPDATE journal_head SET (last_seq, last_hash) = (SELECT seq, hash FROM journal "
    "WHERE seq = (SELECT max(seq) FROM journal)) WHERE id = 1 AND last_seq < (SELECT max(seq) FROM journal)"
)
# The running columns a journal row carries besides the contract's fields (never sent, never hashed).
RUNNING_FIELDS = ("child_cum_delta_ore", "figures_date", "day_spent_net_ore", "day_offline_sales_net_ore")
_SQL_INSERT = (
    "INSERT INTO journal (" + ", ".join(f'"{n}"' for n in TXN_FIELDS + RUNNING_FIELDS) + ") VALUES ("
    + ", ".join("?" * (len(TXN_FIELDS) + len(RUNNING_FIELDS))) + ")"
)  # fmt: skip
_FIELD_VALUES = itemgetter(*TXN_FIELDS)
_LINES_AT = TXN_FIELDS.index("lines")
_SQL_CHILD_LATEST = (
    "SELECT figures_date, child_cum_delta_ore, day_spent_net_ore, day_offline_sales_net_ore FROM journal "
    "WHERE seq = (SELECT max(seq) FROM journal WHERE child_id = ?)"
)
_SQL_BALANCE = f"SELECT {_BALANCE} FROM children c {_LATEST_ROW}WHERE c.child_id = ?"
_SQL_BALANCES = f"SELECT c.child_id, {_BALANCE} FROM children c {_LATEST_ROW}"
_SQL_DAY = f"SELECT {_figures('?2')} FROM (SELECT ?1 AS child_id) c {_LATEST_ROW}"
# The running columns as stored, with what ``journal --verify`` needs to recompute them, in seq order.
SQL_RUNNING_ROWS = (
    "SELECT seq, child_id, business_date, kind, net_ore, offline, balance_delta_ore, child_cum_delta_ore, "
    "figures_date, day_spent_net_ore, day_offline_sales_net_ore FROM journal ORDER BY seq"
)


_raw = driver  # the unit of work's own sqlite3 connection (same transaction)

# A child's restrictions as stored (a JSON list) -> the frozenset: a handful of distinct values in a
# club, parsed once each instead of at every tap and every payment.
_RESTRICTIONS: dict[str, frozenset[str]] = {}


def _restrictions(text: str) -> frozenset[str]:
    found = _RESTRICTIONS.get(text)
    if found is None:
        if len(_RESTRICTIONS) >= 1024:
            _RESTRICTIONS.clear()
        found = _RESTRICTIONS[text] = frozenset(json.loads(text))
    return found


# The children read by taps and payments, by their stored values: a child is built once per distinct row
# (it is immutable), not at every tap and payment.
_CHILDREN: dict[tuple[Any, ...], Child] = {}


def ledger_version(raw: sqlite3.Connection) -> tuple[int, int]:
    """What changes whenever anything is committed to the ledger: ``PRAGMA data_version`` (commits by
    other connections; answered from memory) and this connection's ``total_changes`` (its own writes,
    which data_version does not count). Equal twice on one connection: nothing was committed between."""
    return int(raw.execute("PRAGMA data_version").fetchone()[0]), raw.total_changes


def _raw_child(row: Any, at: int) -> Child | None:
    if row[at] is None:
        return None
    key = row[at : at + 10]
    child = _CHILDREN.get(key)
    if child is None:
        if len(_CHILDREN) >= 4096:
            _CHILDREN.clear()
        child = _CHILDREN[key] = Child(ChildId(row[at]), row[at + 1], row[at + 2], row[at + 3], row[at + 4],
                                       row[at + 5], row[at + 6], row[at + 7], _restrictions(row[at + 8]),
                                       bool(row[at + 9]))  # fmt: skip
    return child


def spending_effect(kind: str, net_ore: int, offline: bool) -> tuple[int, int]:
    """What one journal row adds to (spent_net_ore, offline_sales_net_ore) of its child and date."""
    if kind == "sale":
        return net_ore, net_ore if offline else 0
    if kind in ("refund", "void"):
        return -net_ore, 0
    return 0, 0


# The hot path's views are named tuples: built at every tap and payment, and a tuple is built several
# times faster than a frozen dataclass (which sets each field through object.__setattr__).
class DaySpending(NamedTuple):
    spent_net_ore: int  # sales minus refunds and voids
    offline_sales_net_ore: int  # sales made while offline


class TapView(NamedTuple):
    """What a tap needs, read in one statement; with what paying would read, as of the tap."""

    catalogue_generation: int
    card: Card | None
    child: Child | None
    balance_ore: int
    last_sync_at: datetime | None = None
    spent_net_ore: int = 0  # the child's figures for ``business_date``
    offline_sales_net_ore: int = 0
    business_date: str = ""  # the date of those figures (the clock's, or the open day's when later)
    open_day: tuple[int, str] | None = None  # (id, business_date) of the open business day
    head: tuple[int, str] = (0, "")  # the journal's last seq and hash
    latest: Running | None = None  # the child's newest journal row's running figures
    # The ledger's version as this connection saw it when this was read (``ledger_version``): equal later
    # means nobody, this connection included, has committed anything since.
    version: tuple[int, int] = (-1, -1)


class PayView(NamedTuple):
    """What paying needs, read in one statement inside the sale's transaction."""

    open_day: tuple[int, str] | None  # (id, business_date) of the open business day
    last_sync_at: datetime | None
    child: Child | None
    balance_ore: int
    spent_net_ore: int  # the child's figures for the business date
    offline_sales_net_ore: int
    head: tuple[int, str]  # the journal's last seq and hash
    latest: Running | None  # the child's newest journal row's running figures (None: the child has none)


class Running(NamedTuple):
    """The running figures a journal row carries (see ``_running``)."""

    figures_date: str  # the newest business date among the child's rows up to this one
    child_cum_delta_ore: int  # the child's balance_delta_ore summed over its rows up to this one
    day_spent_net_ore: int  # the child's spending on ``figures_date`` up to this row
    day_offline_sales_net_ore: int  # of which sales made offline


@dataclass(frozen=True, slots=True)
class KioskState:
    club_id: str | None
    kiosk_id: str | None
    snapshot_cursor: str | None
    last_sync_at: datetime | None
    catalogue_generation: int
    applied_seq: int = 0
    sync_blocked: str | None = None
    last_sync_error: str | None = None
    last_sync_attempt_at: datetime | None = None
    heard_seq: int = 0  # contract 1.1: the highest seq whose decision this kiosk has received


class Ledger:
    """Stateless repository: every method takes the unit of work's connection."""

    # --- reads -----------------------------------------------------------------------------
    def state(self, conn: Connection) -> KioskState:
        row = conn.execute(_Q_STATE).one()
        synced = datetime.fromisoformat(row[3]) if row[3] else None
        attempt = datetime.fromisoformat(row[8]) if row[8] else None
        return KioskState(row[0], row[1], row[2], synced, row[4], row[5], row[6], row[7], attempt, row[9])

    def update_state(self, conn: Connection, **values: Any) -> None:
        conn.execute(update(_state_t).where(_state_t.c.id == 1).values(**values))

    def card(self, conn: Connection, uid: str) -> Card | None:
        row = conn.execute(_Q_CARD, {"uid": uid}).first()
        return Card(CardUid(row[0]), row[1], row[2]) if row else None

    def child(self, conn: Connection, child_id: str) -> Child | None:
        row = conn.execute(_Q_CHILD, {"child_id": child_id}).first()
        return _child(row) if row else None

    def children(self, conn: Connection) -> list[Child]:
        return [_child(r) for r in conn.execute(select(*_CHILD_COLS).order_by(_child_t.c.display_name))]

    def cards_of(self, conn: Connection, child_id: str) -> list[Card]:
        rows = conn.execute(select(_card_t).where(_card_t.c.child_id == child_id).order_by(_card_t.c.card_uid))
        return [Card(CardUid(r.card_uid), r.child_id, r.status) for r in rows]

    def products(self, conn: Connection) -> list[Product]:
        rows = conn.execute(select(_product_t).order_by(_product_t.c.category, _product_t.c.name))
        return [
            Product(
                ProductId(r.product_id), r.name, r.price_ore, bool(r.friplads_eligible), r.category,
                r.barcode, frozenset(r.tags), bool(r.active), r.icon, r.image_sha256,
            )  # fmt: skip
            for r in rows
        ]

    def image_hashes(self, conn: Connection) -> list[str]:
        """The finance side's pictures the cached products name (each once, in a stable order)."""
        rows = conn.execute(select(_product_t.c.image_sha256).where(_product_t.c.image_sha256.is_not(None))
                            .distinct().order_by(_product_t.c.image_sha256))  # fmt: skip
        return [str(r[0]) for r in rows]

    def balance(self, conn: Connection, child: Child) -> int:
        """The finance side's balance plus this kiosk's transactions it has not applied yet (two index probes)."""
        row = _raw(conn).execute(_SQL_BALANCE, (child.child_id,)).fetchone()
        return int(row[0]) if row else child.balance_ore

    def balances(self, conn: Connection) -> dict[str, int]:
        """Every child's balance (as ``balance``) in one query: for the staff screen's list of all children."""
        return {r[0]: int(r[1]) for r in _raw(conn).execute(_SQL_BALANCES)}

    def day_spending(self, conn: Connection, child_id: str, business_date: str) -> DaySpending:
        """The child's running figures for ``business_date`` (0 for a date without any)."""
        row = _raw(conn).execute(_SQL_DAY, (child_id, business_date)).fetchone()
        return DaySpending(int(row[0]), int(row[1])) if row else DaySpending(0, 0)

    def tap_view(self, raw: sqlite3.Connection, uid: str, business_date: str) -> TapView:
        """Card, child, balance, last sync and the child's figures for a tap, and what paying reads. One
        statement in a read transaction (``_read``): no write lock taken or waited for."""
        return self._tap_row(*self._read(raw, _SQL_TAP, (uid, business_date)))

    @staticmethod
    def _read(raw: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> tuple[Any, tuple[int, int]]:
        """One row of ``sql`` and the ledger's version (``ledger_version``) from the same snapshot: a
        deferred BEGIN (a WAL reader: it never waits for a writer) … COMMIT. Inside the read transaction
        the pragma costs no lock of its own."""
        if raw.in_transaction:  # the caller's transaction is the snapshot
            return raw.execute(sql, args).fetchone(), ledger_version(raw)
        raw.execute("BEGIN")
        try:
            version = ledger_version(raw)
            row = raw.execute(sql, args).fetchone()
        finally:
            raw.execute("COMMIT")
        return row, version

    @staticmethod
    def _tap_row(row: Any, version: tuple[int, int]) -> TapView:
        card = Card(CardUid(row[1]), row[2], row[3]) if row[1] is not None else None
        child = _raw_child(row, 4)
        synced = datetime.fromisoformat(row[15]) if row[15] else None
        day = (int(row[19]), str(row[20])) if row[19] is not None and row[21] is None else None
        latest = Running(row[24], row[25], row[26], row[27]) if row[24] is not None else None
        return TapView(int(row[0]), card, child, int(row[14]) if child else 0, synced, int(row[16]), int(row[17]),
                       str(row[18]), day, (int(row[22]), str(row[23])), latest, version)  # fmt: skip

    def catalogue_generation(self, raw: sqlite3.Connection) -> int:
        return int(raw.execute("SELECT catalogue_generation FROM kiosk_state WHERE id = 1").fetchone()[0])

    def identify_view(self, raw: sqlite3.Connection, uid: str,
                      business_date: str) -> tuple[tuple[str, str] | None, TapView]:  # fmt: skip
        """The staff member whose card ``uid`` is ((staff_id, display_name) or None) and the tap's view of
        ``uid`` (as ``tap_view``), in one statement in a read transaction."""
        row, version = self._read(raw, _SQL_IDENTIFY, (uid, business_date))
        staff = None if row[_TAP_COLS] is None else (str(row[_TAP_COLS]), str(row[_TAP_COLS + 1]))
        return staff, self._tap_row(row, version)

    def pay_view(self, raw: sqlite3.Connection, child_id: str, business_date: str) -> PayView:
        """Everything paying reads, in one statement; inside the sale's write transaction."""
        row = raw.execute(_SQL_PAY, (child_id, business_date)).fetchone()
        day = (int(row[0]), str(row[1])) if row[0] is not None and row[2] is None else None
        child = _raw_child(row, 4)
        synced = datetime.fromisoformat(row[3]) if row[3] else None
        latest = Running(row[19], row[20], row[21], row[22]) if row[19] is not None else None
        return PayView(day, synced, child, int(row[14]) if child else 0, int(row[15]), int(row[16]),
                       (int(row[17]), str(row[18])), latest)  # fmt: skip

    def head(self, conn: Connection) -> tuple[int, str]:
        """The journal's last seq and hash (0 and the genesis hash when it is empty)."""
        row = _raw(conn).execute(_SQL_HEAD).fetchone()
        return int(row[0]), str(row[1])

    def recorded_head(self, conn: Connection) -> tuple[int, str]:
        """The head as last recorded (``SQL_RECORD_HEAD``): the journal must reach it, with that hash."""
        row = conn.execute(_Q_HEAD).one()
        return int(row[0]), str(row[1])

    def record_head(self, conn: Connection) -> None:
        """Record the journal's head now, in the caller's write transaction (e.g. the Z report's)."""
        _raw(conn).execute(SQL_RECORD_HEAD)

    def journal(self, conn: Connection, after_seq: int = 0) -> Iterator[dict[str, Any]]:
        """The journal in seq order, each row in exactly the contract's transaction format."""
        cols = [_journal_t.c[name] for name in TXN_FIELDS]
        result = conn.execution_options(yield_per=1000).execute(
            select(*cols).where(_journal_t.c.seq > after_seq).order_by(_journal_t.c.seq)
        )
        for row in result:
            item = dict(zip(TXN_FIELDS, row, strict=True))
            item["offline"] = bool(item["offline"])
            yield item

    # --- writes ----------------------------------------------------------------------------
    def append(self, conn: Connection, txn: dict[str, Any]) -> dict[str, Any]:
        """Give ``txn`` the next seq and the chain's hashes, insert it and move the head.

        ``txn`` carries every contract field but seq, prev_hash and hash. Call inside the
        unit of work that decided the transaction (BEGIN IMMEDIATE holds the write lock).
        """
        return self.append_raw(_raw(conn), txn)

    def append_raw(self, raw: sqlite3.Connection, txn: dict[str, Any], head: tuple[int, str] | None = None,
                   latest: Running | None | bool = False) -> dict[str, Any]:  # fmt: skip
        """``append`` on the sqlite3 connection of the write transaction. ``head``: the journal's (last seq,
        last hash) when this transaction has read it already (``pay_view``), else it is read here; likewise
        ``latest``, the child's newest row's running figures (``None``: it has no row; ``False``: not read)."""
        last_seq, last_hash = head if head is not None else raw.execute(_SQL_HEAD).fetchone()
        item = {name: txn.get(name) for name in TXN_FIELDS}
        item["seq"] = last_seq + 1
        item["prev_hash"] = last_hash
        del item["hash"]
        item["hash"] = chain_hash(item)
        if latest is False:
            found = raw.execute(_SQL_CHILD_LATEST, (item["child_id"],)).fetchone()
            latest = Running(*found) if found is not None else None
        assert latest is not True
        # Stored as SQLAlchemy's JSON type stores it (json.dumps), booleans as 0/1.
        values = [*_FIELD_VALUES(item), *self._running(item, latest)]
        values[_LINES_AT] = json.dumps(values[_LINES_AT])
        raw.execute(_SQL_INSERT, values)
        return item

    @staticmethod
    def _running(item: dict[str, Any], latest: Running | None) -> list[Any]:
        """The running figures of a new journal row, from its child's newest row (``latest``): the row
        itself carries them, written once with it, so a balance or a day's spending is one row, never a
        sum, and a purchase writes no other row for them. ``journal --verify`` recomputes every row's.

        A row dated before the child's newest date (only when business dates were not in order) leaves
        the day's figures as they are: they are those of the child's newest date."""
        spent, offline_sales = spending_effect(item["kind"], item["net_ore"], bool(item["offline"]))
        date = item["business_date"]
        if latest is None:
            return [item["balance_delta_ore"], date, spent, offline_sales]
        cum = latest.child_cum_delta_ore + item["balance_delta_ore"]
        if date == latest.figures_date:
            return [cum, date, latest.day_spent_net_ore + spent, latest.day_offline_sales_net_ore + offline_sales]
        if date > latest.figures_date:
            return [cum, date, spent, offline_sales]
        return [cum, latest.figures_date, latest.day_spent_net_ore, latest.day_offline_sales_net_ore]

    def replace_cache(self, conn: Connection, snap: Snapshot, synced_at: datetime) -> None:
        """A full pull: the cache holds exactly the snapshot's records afterwards."""
        for cache_table in (_child_t, _card_t, _product_t, _staff_t):
            conn.execute(delete(cache_table))
        self._upsert(conn, snap)
        self._mark_synced(conn, snap, synced_at)

    def apply_incremental(self, conn: Connection, snap: Snapshot, synced_at: datetime) -> None:
        """An incremental pull: changed records replace ours, deleted ones go."""
        for cache_table, key, ids in (
            (_child_t, _child_t.c.child_id, snap.deleted_children + [c.child_id for c in snap.children]),
            (_card_t, _card_t.c.card_uid, snap.deleted_cards + [c.card_uid for c in snap.cards]),
            (_product_t, _product_t.c.product_id, snap.deleted_products + [p.product_id for p in snap.products]),
            (_staff_t, _staff_t.c.staff_id, snap.deleted_staff + [s.staff_id for s in snap.staff]),
        ):
            for start in range(0, len(ids), 500):
                conn.execute(delete(cache_table).where(key.in_(ids[start : start + 500])))
        self._upsert(conn, snap)
        self._mark_synced(conn, snap, synced_at)

    def _upsert(self, conn: Connection, snap: Snapshot) -> None:
        if snap.children:
            conn.execute(insert(_child_t), [
                {
                    "child_id": c.child_id, "display_name": c.display_name, "friplads_pct": c.friplads_pct,
                    "payment_mode": c.payment_mode, "balance_ore": c.balance_ore,
                    "balance_applied_seq": c.balance_applied_seq, "daily_limit_ore": c.daily_limit_ore,
                    "credit_limit_ore": c.credit_limit_ore, "restrictions": sorted(c.restrictions),
                    "blocked": c.blocked,
                }
                for c in snap.children
            ])  # fmt: skip
        if snap.cards:
            conn.execute(
                insert(_card_t),
                [{"card_uid": c.card_uid, "child_id": c.child_id, "status": c.status} for c in snap.cards],
            )
        if snap.products:
            conn.execute(insert(_product_t), [
                {
                    "product_id": p.product_id, "name": p.name, "price_ore": p.price_ore,
                    "friplads_eligible": p.friplads_eligible, "category": p.category, "barcode": p.barcode,
                    "tags": sorted(p.tags), "active": p.active, "icon": p.icon,
                    "image_sha256": p.image_sha256,
                }
                for p in snap.products
            ])  # fmt: skip
        if snap.staff:
            conn.execute(insert(_staff_t), [
                {
                    "staff_id": s.staff_id, "display_name": s.display_name, "role": s.role,
                    "card_uid": s.card_uid, "pin_hash": s.pin_hash,
                }
                for s in snap.staff
            ])  # fmt: skip

    def _mark_synced(self, conn: Connection, snap: Snapshot, synced_at: datetime) -> None:
        conn.execute(
            update(_state_t)
            .where(_state_t.c.id == 1)
            .values(
                club_id=snap.club_id,
                kiosk_id=snap.kiosk_id,
                snapshot_cursor=snap.cursor,
                last_sync_at=synced_at.astimezone(UTC).isoformat(),
                catalogue_generation=_state_t.c.catalogue_generation + 1,
            )
        )
