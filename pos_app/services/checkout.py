"""The child's checkout: tap, pick, pay. The same service drives the Qt kiosk and the simulator."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from pos_app.domain.barcodes import gtin_check_ok, gtin_variants, looks_like_gtin
from pos_app.domain.checkout import (
    Decline,
    SpendingState,
    check_card,
    check_payment,
    check_product,
    daily_left_ore,
    spending_room_ore,
)
from pos_app.domain.clock import business_date, business_date_and_stamp, is_offline
from pos_app.domain.journal import new_item
from pos_app.domain.model import Child, Product, is_card_uid, mask_uid, normalise_card
from pos_app.domain.pricing import Quote, price_line, quote
from pos_app.storage.db import driver, immediate, reading
from pos_app.storage.ledger import Ledger, PayView, TapView, ledger_version

from .days import ensure_day
from .identify import Identifier, IdKind, classify

log = logging.getLogger(__name__)


MAX_QTY = 99  # the contract's bound per line
MAX_LINES = 100


class Clock(Protocol):
    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


PRICES_SHOWN = ("catalogue", "own")
# What a ledger that cannot be written (or read) raises: through SQLAlchemy, or straight from sqlite3 on the
# hot path's raw statements. Either way nothing was committed.
STORAGE_ERRORS = (DBAPIError, sqlite3.Error)


# (connection of the sale's transaction, the journal item, child's display name, new balance)
SaleHook = Callable[[Any, dict[str, Any], str, int], None]


@dataclass(frozen=True, slots=True)
class CheckoutSettings:
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Copenhagen"))
    offline_cap_ore: int | None = None  # per child and business day; None: no cap
    offline_after_s: float = 15 * 60  # last successful sync older than this -> offline
    walkaway_s: float = 30.0
    repeat_tap_s: float = 1.5
    # What tiles and basket show: "catalogue" (the same price for every child, so nobody in the queue can
    # tell a friplads child; the child's own price is applied when paying) or "own" (each child's price).
    prices_shown: str = "catalogue"


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Offer:
    """A product for this child: what the child pays, the price shown, and whether it can be bought."""

    product: Product
    unit_net_ore: int  # what this child pays for one
    unavailable: Decline | None
    shown_ore: int = 0  # the price on the tile (catalogue or the child's own, per settings)


@dataclass(frozen=True, slots=True)
class BasketLine:
    product: Product
    qty: int
    net_ore: int
    shown_ore: int = 0  # what the basket shows for the line (catalogue or own price, per settings)


@dataclass(frozen=True, slots=True)
class BasketView:
    lines: tuple[BasketLine, ...]
    net_ore: int  # what the child will pay
    shown_ore: int = 0  # the total the basket shows


@dataclass(frozen=True, slots=True)
class Identified:
    event: ClassVar[str] = "identified"
    child_id: str
    display_name: str
    first_name: str
    balance_ore: int
    offers: tuple[Offer, ...]
    room_ore: int = 0  # the most this child can pay now (balance, daily limit, offline cap)
    daily_left_ore: int | None = None  # what the daily limit still allows today; None without one

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "child_id": self.child_id, "display_name": self.display_name,
                "balance_ore": self.balance_ore}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Declined:
    event: ClassVar[str] = "declined"
    reason: Decline
    first_name: str | None = None
    balance_ore: int | None = None  # told to the child when the money is not enough
    daily_left_ore: int | None = None  # told to the child at the daily limit

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "reason": self.reason.value}


@dataclass(frozen=True, slots=True)
class Ignored:
    event: ClassVar[str] = "ignored"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event}


@dataclass(frozen=True, slots=True)
class Added:
    event: ClassVar[str] = "added"
    product_id: str
    qty: int
    net_ore: int
    basket: BasketView

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "product_id": self.product_id, "qty": self.qty, "net_ore": self.net_ore}


@dataclass(frozen=True, slots=True)
class Removed:
    event: ClassVar[str] = "removed"
    product_id: str
    basket: BasketView

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event}


@dataclass(frozen=True, slots=True)
class Approved:
    event: ClassVar[str] = "approved"
    txn_id: str
    seq: int
    gross_ore: int
    subsidy_ore: int
    net_ore: int
    balance_ore: int
    first_name: str
    transaction: dict[str, Any]

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "txn_id": self.txn_id, "seq": self.seq, "gross_ore": self.gross_ore,
                "subsidy_ore": self.subsidy_ore, "net_ore": self.net_ore, "balance_ore": self.balance_ore}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cancelled:
    event: ClassVar[str] = "cancelled"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event}


@dataclass(frozen=True, slots=True)
class Failed:
    """A request that makes no sense here (no child, unknown product...). Nothing changed."""

    event: ClassVar[str] = "error"
    message: str
    key: str = ""

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "message": self.message}


@dataclass(frozen=True, slots=True)
class Unavailable:
    """The ledger cannot store a sale (disk full, read-only, I/O error). Nothing was charged; the
    session is over. The child is asked to fetch a grown-up; staff see ``cause`` and the free space."""

    event: ClassVar[str] = "error"
    cause: str
    free_bytes: int | None

    def as_event(self) -> dict[str, Any]:
        free = "unknown" if self.free_bytes is None else f"{self.free_bytes // (1024 * 1024)} MiB"
        return {"event": self.event, "message": f"the sale could not be stored: {self.cause} (free space {free})"}


Outcome = Identified | Declined | Ignored | Added | Removed | Approved | Cancelled | Failed | Unavailable


@dataclass(slots=True)
class _Session:
    child: Child
    card_uid: str | None
    basket: dict[str, int]  # product_id -> qty, in the order added
    last_activity: float  # the clock's monotonic seconds: a wall-clock jump never ends or stretches a session
    staff_id: str | None = None  # staff selling for a child who has no card with them
    # What the tap read (with the ledger's version then): paying uses it instead of reading again when
    # nothing was committed since.
    read: TapView | None = None
    # (the basket, the child's percentage and the catalogue's generation; their quote)
    quoted: tuple[tuple[tuple[tuple[str, int], ...], int, int], Quote] | None = None


class CheckoutService:
    """One kiosk's child-facing checkout. Not thread-safe: call it from one worker thread."""

    def __init__(self, engine: Engine, clock: Clock, settings: CheckoutSettings | None = None,
                 ledger: Ledger | None = None, on_sale: SaleHook | None = None,
                 after_commit: Callable[[], None] | None = None) -> None:  # fmt: skip
        self._engine = engine
        # The purchase's own connection, held from the first tap on (see ``_db``): no pool checkout and
        # return per tap and per payment, and its sqlite3 statement cache keeps the hot path prepared.
        self._conn: Connection | None = None
        self._raw: sqlite3.Connection | None = None
        # What ``identify`` read for a child's card: (uid, date, data_version, the tap's view)
        self._read_ahead: tuple[str, str, TapView] | None = None
        self._on_sale = on_sale  # e.g. queue the receipt, in the sale's own transaction
        self._after_commit = after_commit  # e.g. wake the printer
        self._clock = clock
        self.settings = settings or CheckoutSettings()
        self._ledger = ledger or Ledger()
        self._session: _Session | None = None
        self._last_tap: tuple[str, float] | None = None  # (uid, monotonic seconds)
        self._catalogue: dict[str, Product] = {}
        self._by_barcode: dict[str, Product] = {}
        self._catalogue_generation = -1
        self._offers_cache: dict[tuple[int, frozenset[str]], tuple[Offer, ...]] = {}
        self.warnings: list[str] = []  # for the superuser (a day left open past midnight, ...)
        self.recent_declines: deque[tuple[str, str, str]] = deque(maxlen=50)  # (local time, reason, first name)

    def _db(self) -> tuple[Connection, sqlite3.Connection]:
        """The held connection (opened at first use, on the checkout's own thread) and its sqlite3 connection.

        Between purchases it is in autocommit mode: it holds no transaction, no lock and no snapshot."""
        if self._conn is None or self._raw is None:
            self._conn = self._engine.connect()
            self._raw = driver(self._conn)
        return self._conn, self._raw

    def close(self) -> None:
        """Give the held connection back (the kiosk stopping; after a storage error the next use opens anew)."""
        conn, self._conn, self._raw, self._read_ahead = self._conn, None, None, None
        if self._session is not None:  # a new connection counts its version anew: the tap's read is spent
            self._session.read = None
        if conn is not None:
            try:
                conn.close()
            except STORAGE_ERRORS as exc:  # a broken connection: nothing of ours is in it
                log.warning("closing the checkout's connection: %s", exc)

    # --- queries -------------------------------------------------------------------------
    @property
    def child(self) -> Child | None:
        return self._session.child if self._session else None

    def basket(self) -> BasketView:
        if self._session is None:
            return BasketView((), 0, 0)
        q = self.quote()
        own = self.settings.prices_shown == "own"
        catalogue = self._catalogue
        lines = tuple(BasketLine(catalogue[x.product_id], x.qty, x.net_ore, x.net_ore if own else x.gross_ore)
                      for x in q.lines)  # fmt: skip
        return BasketView(lines, q.net_ore, q.net_ore if own else q.gross_ore)

    def quote(self) -> Quote:
        """The basket priced for the session's child: computed once per basket, percentage and catalogue
        (the basket shown after each add and the payment use the same quote)."""
        s = self._session
        assert s is not None
        key = (tuple(s.basket.items()), s.child.friplads_pct, self._catalogue_generation)
        if s.quoted is None or s.quoted[0] != key:
            items = [(self._catalogue[pid], qty) for pid, qty in s.basket.items()]
            s.quoted = (key, quote(items, s.child.friplads_pct))
        return s.quoted[1]

    def is_offline(self, last_sync_at: datetime | None) -> bool:
        return is_offline(last_sync_at, self._clock.now(), self.settings.offline_after_s)

    def product_names(self) -> dict[str, str]:
        return {pid: p.name for pid, p in self._catalogue.items()}

    def sync_online(self) -> bool:
        """Is the last successful sync recent enough to count as online?"""
        with self._engine.connect() as conn:
            return not self.is_offline(self._ledger.state(conn).last_sync_at)

    # --- use cases -------------------------------------------------------------------------
    def expire_if_idle(self) -> bool:
        """End a session nobody touched for the walk-away timeout. True when one ended."""
        s = self._session
        if s and self._clock.monotonic() - s.last_activity >= self.settings.walkaway_s:
            log.info("session ended: child walked away")
            self._session = None
            return True
        return False

    def seconds_left(self) -> float | None:
        """Seconds until the walk-away timeout ends the session; None without a session."""
        s = self._session
        if s is None:
            return None
        return max(0.0, self.settings.walkaway_s - (self._clock.monotonic() - s.last_activity))

    def touch(self) -> None:
        """The child is still there (touched the screen): the walk-away timer starts again."""
        if self._session is not None:
            self._session.last_activity = self._clock.monotonic()

    def _note_decline(self, reason: Decline, first_name: str | None) -> None:
        when = self._clock.now().astimezone(self.settings.tz).strftime("%H:%M:%S")
        self.recent_declines.appendleft((when, reason.value, first_name or ""))

    def refuse_card(self, raw_uid: str, why: str = "") -> Outcome:
        """A card the reader refused before any lookup (secure cards: it failed authentication). Nothing
        in the ledger changes; any open session ends; staff see it in their alerts, the log says why."""
        uid = normalise_card(raw_uid)
        log.warning("tap %s declined: card_not_genuine (%s)", mask_uid(uid), why or "failed the card check")
        child = None  # whose card this claims to be, for staff's alert (the child at the kiosk is told no more)
        try:
            child = self._ledger.tap_view(self._db()[1], uid, self._today()).child
        except STORAGE_ERRORS:
            self.close()  # the next use opens anew
            log.warning("refused card: the ledger cannot be read for the staff alert")
        self._note_decline(Decline.CARD_NOT_GENUINE, child.first_name if child else None)
        self._session = None
        self._last_tap = None
        return Declined(Decline.CARD_NOT_GENUINE)

    def tap(self, raw_uid: str) -> Outcome:
        uid = normalise_card(raw_uid)
        mono = self._clock.monotonic()
        if self._last_tap and self._last_tap[0] == uid and mono - self._last_tap[1] < self.settings.repeat_tap_s:
            return Ignored()
        self._last_tap = (uid, mono)
        if not is_card_uid(uid):
            log.info("tap: not a card uid (%d characters)", len(uid))
            self._session = None
            return Declined(Decline.UNKNOWN_CARD)
        try:
            return self._tap(uid, mono)
        except STORAGE_ERRORS as exc:  # the ledger cannot even be read: the kiosk cannot serve anybody now
            return self._unavailable(exc)

    def _tap(self, uid: str, mono: float) -> Outcome:
        # One statement, no transaction: a tap never takes the write lock (nor waits for it). Right after
        # ``identify`` read it, and nobody committed since, not even that.
        raw, today = self._db()[1], self._today()
        ahead, self._read_ahead = self._read_ahead, None
        if ahead is not None and ahead[0] == uid and ahead[1] == today and ahead[2].version == ledger_version(raw):
            view = ahead[2]
        else:
            view = self._ledger.tap_view(raw, uid, today)
        if view.catalogue_generation != self._catalogue_generation:
            self._reload_catalogue()
        card, child, balance = view.card, view.child, view.balance_ore
        reason = check_card(card, child)
        if reason is not None or child is None:
            log.info("tap %s declined: %s", mask_uid(uid), reason)
            self._note_decline(reason or Decline.UNKNOWN_CARD, child.first_name if child else None)
            self._session = None
            return Declined(reason or Decline.UNKNOWN_CARD, child.first_name if child else None)
        state = SpendingState(balance, view.spent_net_ore, view.offline_sales_net_ore,
                              self.is_offline(view.last_sync_at), self.settings.offline_cap_ore)  # fmt: skip
        if self._session and self._session.child.child_id == child.child_id:
            self._session.child = child  # same child again: keep the basket, fresh data
            self._session.last_activity = mono
            self._session.read = view
        else:
            self._session = _Session(child, uid, {}, mono, None, view)
        return self._identified(child, balance, state)

    def start_for_child(self, child_id: str, staff_id: str) -> Outcome:
        """Staff sell for a child who has no card with them: a session without a card."""
        with reading(self._engine) as conn:
            self._refresh_catalogue(conn)
            child = self._ledger.child(conn, child_id)
            if child is None:
                return Declined(Decline.UNKNOWN_CARD)
            if child.blocked:
                return Declined(Decline.CHILD_BLOCKED, child.first_name)
            balance = self._ledger.balance(conn, child)
            state = self._spending_state(conn, child, balance, self._today())
        self._session = _Session(child, None, {}, self._clock.monotonic(), staff_id)
        self._last_tap = None
        return self._identified(child, balance, state)

    def add(self, product_id: str, qty: int = 1) -> Outcome:
        s = self._session
        if s is None:
            return Failed("no child session: tap a card first")
        if type(qty) is not int or not 1 <= qty <= MAX_QTY:
            return Failed(f"qty must be a whole number from 1 to {MAX_QTY}")
        product = self._catalogue.get(product_id)
        if product is None:
            return Failed(f"unknown product {product_id!r}")
        s.last_activity = self._clock.monotonic()
        reason = check_product(s.child, product)
        if reason is not None:
            return Declined(reason, s.child.first_name)
        new_qty = s.basket.get(product_id, 0) + qty
        if new_qty > MAX_QTY or (product_id not in s.basket and len(s.basket) >= MAX_LINES):
            return Failed("too many in the basket")
        s.basket[product_id] = new_qty
        net = price_line(product, qty, s.child.friplads_pct).net_ore
        return Added(product_id, qty, net, self.basket())

    def remove(self, product_id: str) -> Outcome:
        s = self._session
        if s is None:
            return Failed("no child session: tap a card first")
        if product_id not in s.basket:
            return Failed(f"{product_id!r} is not in the basket")
        s.last_activity = self._clock.monotonic()
        s.basket[product_id] -= 1
        if s.basket[product_id] == 0:
            del s.basket[product_id]
        return Removed(product_id, self.basket())

    def identify(self, code: str) -> Identifier:
        """What ``code`` is (staff card, child's card, product, unknown): the one decision for reader taps
        and scanned or typed codes alike (see ``identify.classify``)."""
        try:
            return self._identify(code)
        except STORAGE_ERRORS:
            self.close()  # the next use starts on a fresh connection
            raise

    def _identify(self, code: str) -> Identifier:
        self._read_ahead = None
        uid = normalise_card(code)
        raw = self._db()[1]
        if not is_card_uid(uid):  # a barcode or product code: the catalogue, as current as the ledger's
            if self._ledger.catalogue_generation(raw) != self._catalogue_generation:
                self._reload_catalogue()
            return classify(code, None, None, self._find_product)
        # One statement: a staff card, or everything the tap that follows would read. That tap uses it
        # unless anything was committed in between (``ledger_version``, no I/O): one read a tap.
        today = self._today()
        staff, view = self._ledger.identify_view(raw, uid, today)
        if view.catalogue_generation != self._catalogue_generation:
            self._reload_catalogue()
        found = classify(code, staff, view.card, self._find_product)
        if found.kind is IdKind.CHILD_CARD:
            self._read_ahead = (uid, today, view)
        return found

    def scan(self, code: str) -> Outcome:
        """A scanned code: a card code acts as a tap, a product barcode (or product code) as an add.

        A staff card is not the checkout's business: here it is an unknown code (the window asks
        ``identify`` first and opens the PIN pad for it)."""
        return self.act_on(self.identify(code))

    def act_on(self, found: Identifier) -> Outcome:
        """What a scanned code does once ``identify`` said what it is (a staff card: unknown here)."""
        code = found.code
        if found.kind is IdKind.CHILD_CARD:
            return self.tap(found.code)
        if found.kind is IdKind.PRODUCT and found.product_id is not None:
            if self._session is None:
                return Failed("no child session: tap a card first", key="tap_first")
            return self.add(found.product_id, 1)
        if self._session is None:
            log.info("scan: unknown code (%d characters) with no child", len(code))
            self._last_tap = None
            return Declined(Decline.UNKNOWN_CARD)
        log.info("scan: unknown barcode (%d characters)", len(code))
        return Failed("unknown barcode", key="unknown_barcode")

    def _find_product(self, code: str) -> Product | None:
        """Exactly a barcode or product code of the catalogue; else a valid EAN/UPC in another form."""
        exact = self._by_barcode.get(code) or self._catalogue.get(code)
        if exact is not None or not looks_like_gtin(code):
            return exact
        if not gtin_check_ok(code):
            log.info("scan: EAN/UPC check digit wrong: a misread")
            return None
        for variant in gtin_variants(code):
            if variant in self._by_barcode:
                return self._by_barcode[variant]
        return None

    def cancel(self) -> Outcome:
        self._session = None
        return Cancelled()

    def pay(self) -> Outcome:
        s = self._session
        if s is None:
            return Failed("no child session: tap a card first")
        now = self._clock.now()
        s.last_activity = self._clock.monotonic()
        try:
            return self._pay(s, now)
        except STORAGE_ERRORS as exc:  # the disk is full, the file read-only, an I/O error: nothing was stored
            return self._unavailable(exc)

    def _unavailable(self, exc: Exception) -> Unavailable:
        self._session = None
        self.close()  # the next tap starts on a fresh connection
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        cause = str(orig) or type(exc).__name__
        free = self.free_bytes()
        log.error("ledger unavailable, session ended: %s (free space %s bytes)", cause, free)
        self.warnings.append(f"a sale could not be stored: {cause} (free space "
                             f"{'unknown' if free is None else f'{free // (1024 * 1024)} MiB'})")  # fmt: skip
        return Unavailable(cause, free)

    def free_bytes(self) -> int | None:
        """Free space on the ledger's disk (None for an in-memory database or when it cannot be read)."""
        path = self._engine.url.database
        if not path or path == ":memory:":
            return None
        try:
            return shutil.disk_usage(Path(path).resolve().parent).free
        except OSError:
            return None

    def _pay(self, s: _Session, now: datetime) -> Outcome:
        tz = self.settings.tz
        bdate, stamp = business_date_and_stamp(now, tz)
        conn, raw = self._db()
        # One durable transaction on the held connection's sqlite3 statements (BEGIN IMMEDIATE ... COMMIT):
        # no SQLAlchemy unit of work on the hot path. Opening a day and queueing a receipt use SQLAlchemy
        # on the same connection and join this transaction.
        with immediate(conn):
            # What the tap read is what the ledger holds if nothing was committed since, by another
            # connection or this one (``ledger_version``, from memory; under the write lock now, nobody
            # can until we commit).
            # Else one read: the open day, the last sync, the child, its balance, the figures, the head.
            read, s.read = s.read, None
            view: PayView | TapView
            if read is not None and read.business_date == bdate and read.version == ledger_version(raw):
                view = read  # it has every field paying reads, as of the tap
            else:
                view = self._ledger.pay_view(raw, s.child.child_id, bdate)
            if view.open_day is None or view.open_day[1] != bdate:
                # No day open for the clock's date: open one (closing one left open past midnight). When
                # the clock was set back, the open day goes on and the sale gets its date (see ensure_day).
                day, warnings = ensure_day(conn, now, tz)
                self.warnings += warnings
                bdate = day.business_date
                view = self._ledger.pay_view(raw, s.child.child_id, bdate)  # what opening the day wrote
            # Re-read inside the write transaction: a sync may have changed the child.
            child = view.child
            if child is None or child.blocked:
                self._session = None
                return Declined(Decline.CHILD_BLOCKED if child else Decline.UNKNOWN_CARD)
            s.child = child
            catalogue = self._catalogue
            for pid in s.basket:
                reason = check_product(child, catalogue[pid])
                if reason is not None:
                    return Declined(reason, child.first_name)
            q = self.quote()
            balance = view.balance_ore
            offline = self.is_offline(view.last_sync_at)
            state = SpendingState(balance, view.spent_net_ore, view.offline_sales_net_ore, offline,
                                  self.settings.offline_cap_ore)  # fmt: skip
            reason = check_payment(child, q.net_ore, not q.lines, state)
            if reason is not None:
                log.info("pay declined: %s", reason.value)
                self._note_decline(reason, child.first_name)
                return Declined(reason, child.first_name, balance, daily_left_ore(child, state))
            item = self._ledger.append_raw(raw, new_item(
                kind="sale", child_id=child.child_id, card_uid=s.card_uid, staff_id=s.staff_id,
                occurred_at=stamp, business_date=bdate,
                lines=[line.as_contract() for line in q.lines], gross_ore=q.gross_ore, subsidy_ore=q.subsidy_ore,
                net_ore=q.net_ore, balance_delta_ore=-q.net_ore, friplads_pct=child.friplads_pct,
                refers_to=None, note=None, offline=offline,
            ), view.head, view.latest)  # fmt: skip
            if self._on_sale is not None:
                self._on_sale(conn, item, child.display_name, balance - q.net_ore)
        # Committed (WAL + synchronous=FULL): only now may the child see "done".
        self._session = None
        if self._after_commit is not None:
            self._after_commit()
        log.info("sale seq %d committed", item["seq"])
        return Approved(item["txn_id"], item["seq"], q.gross_ore, q.subsidy_ore, q.net_ore,
                        balance - q.net_ore, child.first_name, item)  # fmt: skip

    # --- internals -----------------------------------------------------------------------------
    def _today(self) -> str:
        """The clock's local date (a tap reads the figures of this date or of the open day, if later)."""
        return business_date(self._clock.now(), self.settings.tz).isoformat()

    def _spending_state(self, conn: Any, child: Child, balance: int, bdate: str) -> SpendingState:
        spending = self._ledger.day_spending(conn, child.child_id, bdate)
        offline = self.is_offline(self._ledger.state(conn).last_sync_at)
        return SpendingState(balance, spending.spent_net_ore, spending.offline_sales_net_ore, offline,
                             self.settings.offline_cap_ore)  # fmt: skip

    def _identified(self, child: Child, balance: int, state: SpendingState) -> Identified:
        return Identified(child.child_id, child.display_name, child.first_name, balance, self._offers(child),
                          spending_room_ore(child, state), daily_left_ore(child, state))  # fmt: skip

    def _offers(self, child: Child) -> tuple[Offer, ...]:
        # The offers depend only on the catalogue and the child's percentage and restrictions:
        # computed once per such pair and catalogue generation, not at every tap.
        key = (child.friplads_pct, child.restrictions)
        offers = self._offers_cache.get(key)
        if offers is None:
            if len(self._offers_cache) >= 256:
                self._offers_cache.clear()
            own = self.settings.prices_shown == "own"
            built = []
            for p in self._catalogue.values():
                net = price_line(p, 1, child.friplads_pct).net_ore
                built.append(Offer(p, net, check_product(child, p), net if own else p.price_ore))
            offers = self._offers_cache[key] = tuple(built)
        return offers

    def _refresh_catalogue(self, conn: Any) -> None:
        generation = self._ledger.state(conn).catalogue_generation
        if generation != self._catalogue_generation:
            products = self._ledger.products(conn)
            self._catalogue = {p.product_id: p for p in products}
            self._by_barcode = {p.barcode: p for p in products if p.barcode}
            self._catalogue_generation = generation
            self._offers_cache.clear()
            if self._session:  # a product that left the catalogue leaves the basket too
                self._session.basket = {k: v for k, v in self._session.basket.items() if k in self._catalogue}

    def _reload_catalogue(self) -> None:
        with reading(self._engine) as conn:  # generation and products from one snapshot
            self._refresh_catalogue(conn)
