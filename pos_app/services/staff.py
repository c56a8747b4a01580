"""Staff and superusers: unlock with card + PIN, handle exceptions, open and close the day. Audited."""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from pos_app.domain.clock import is_offline, local_iso_ms
from pos_app.domain.journal import new_item
from pos_app.domain.model import is_card_uid, mask_uid, normalise_card
from pos_app.domain.pins import pin_matches
from pos_app.domain.returns import Booked, check_void, refund_lines, refundable_products
from pos_app.storage.ledger import Ledger
from pos_app.storage.models import (
    CardChangeRow,
    CardRow,
    ChildRow,
    JournalRow,
    StaffLockoutRow,
    StaffRow,
    SyncRejectionRow,
    table,
)

from . import days
from .checkout import CheckoutSettings, Clock
from .printing import PrintQueue, Receipts
from .staff_results import (
    Adjusted,
    AuditEntry,
    CardAssigned,
    CardChanged,
    CardInfo,
    CardOwner,
    ChildDetails,
    ChildMode,
    ChildSummary,
    DayOpened,
    DayReport,
    DayState,
    FloatSet,
    LineInfo,
    LoginDenial,
    Refunded,
    Refusal,
    Refused,
    RejectionInfo,
    RejectionResolved,
    SettingsChanged,
    StaffCard,
    StaffDenied,
    StaffMode,
    SyncResumed,
    ToppedUp,
    TxnInfo,
    Voided,
)

log = logging.getLogger(__name__)

_staff = table(StaffRow)
_lock = table(StaffLockoutRow)
_journal = table(JournalRow)
_cards = table(CardRow)
_children = table(ChildRow)
_changes = table(CardChangeRow)
_rejections = table(SyncRejectionRow)

MAX_WRONG_PINS = 5
LOCK_MINUTES = 5
STAFF_IDLE_S = 60.0
MAX_TOPUP_ORE = 1_000_000  # 10.000 kr in one go is surely a typing error
SUPERUSER_ONLY = {"open_day", "x_report", "close_day", "adjustment", "leave_kiosk"}


@dataclass(slots=True)
class StaffSession:
    staff_id: str
    role: str
    display_name: str
    last_activity: datetime


NOT_ALLOWED = Refused(Refusal.NOT_ALLOWED)


class StaffService:

    def __init__(self, engine: Engine, clock: Clock, settings: CheckoutSettings,
                 print_queue: PrintQueue | None = None, receipts: Receipts | None = None,
                 after_commit: Any = None) -> None:  # fmt: skip
        self._engine = engine
        self._clock = clock
        self.settings = settings
        self._ledger = Ledger()
        self._queue = print_queue
        self._receipts = receipts
        self._after_commit = after_commit
        self.session: StaffSession | None = None
        self.warnings: list[str] = []  # for the superuser: days closed automatically, ...

    # --- staff mode ------------------------------------------------------------------------------
    def is_staff_card(self, raw: str) -> bool:
        uid = normalise_card(raw)
        with self._engine.connect() as conn:
            return conn.execute(select(_staff.c.staff_id).where(_staff.c.card_uid == uid)).first() is not None

    def staff_card(self, raw: str) -> StaffCard | None:
        """Whose staff card this is and, if it is locked, until when (for the PIN pad)."""
        uid = normalise_card(raw)
        now = self._clock.now()
        with self._engine.connect() as conn:
            staff = conn.execute(select(_staff).where(_staff.c.card_uid == uid)).first() if is_card_uid(uid) else None
            if staff is None:
                return None
            lock = conn.execute(select(_lock).where(_lock.c.staff_id == staff.staff_id)).first()
        until = datetime.fromisoformat(lock.locked_until) if lock is not None and lock.locked_until else None
        return StaffCard(staff.staff_id, staff.display_name,
                         until.astimezone(self.settings.tz) if until is not None and until > now else None)  # fmt: skip

    def login(self, raw_card: str, pin: str) -> StaffMode | StaffDenied:
        uid = normalise_card(raw_card)
        now = self._clock.now()
        tz = self.settings.tz
        with self._engine.begin() as conn:
            staff = conn.execute(select(_staff).where(_staff.c.card_uid == uid)).first() if is_card_uid(uid) else None
            if staff is None:
                log.info("staff login: unknown card %s", mask_uid(uid))
                return StaffDenied(LoginDenial.UNKNOWN_CARD)
            lock = conn.execute(select(_lock).where(_lock.c.staff_id == staff.staff_id)).first()
            if lock is not None and lock.locked_until and datetime.fromisoformat(lock.locked_until) > now:
                return StaffDenied(LoginDenial.LOCKED, staff.display_name,
                                   locked_until=datetime.fromisoformat(lock.locked_until).astimezone(tz))  # fmt: skip
            if not isinstance(pin, str) or not pin_matches(pin, staff.pin_hash):
                failed = (lock.failed_count if lock is not None and not lock.locked_until else 0) + 1
                locked_until = None
                if failed >= MAX_WRONG_PINS:
                    locked_until, failed = (now + timedelta(minutes=LOCK_MINUTES)).astimezone(UTC).isoformat(), 0
                    log.warning("staff card of %s locked for %d minutes after %d wrong PINs", staff.staff_id,
                                LOCK_MINUTES, MAX_WRONG_PINS)  # fmt: skip
                self._set_lock(conn, staff.staff_id, failed, locked_until, exists=lock is not None)
                days.audit(conn, now, tz, staff.staff_id, "pin_wrong" if not locked_until else "pin_locked")
                if locked_until is not None:
                    return StaffDenied(LoginDenial.WRONG_PIN, staff.display_name, 0,
                                       datetime.fromisoformat(locked_until).astimezone(tz))  # fmt: skip
                return StaffDenied(LoginDenial.WRONG_PIN, staff.display_name, MAX_WRONG_PINS - failed)
            self._set_lock(conn, staff.staff_id, 0, None, exists=lock is not None)
            days.audit(conn, now, tz, staff.staff_id, "staff_mode", None, {"role": staff.role})
        self.session = StaffSession(staff.staff_id, staff.role, staff.display_name, now)
        return StaffMode(staff.staff_id, staff.role, staff.display_name)

    @staticmethod
    def _set_lock(conn: Connection, staff_id: str, failed: int, until: str | None, exists: bool) -> None:
        if exists:
            conn.execute(update(_lock).where(_lock.c.staff_id == staff_id).values(failed_count=failed,
                                                                                   locked_until=until))  # fmt: skip
        else:
            conn.execute(insert(_lock), {"staff_id": staff_id, "failed_count": failed, "locked_until": until})

    def leave(self) -> ChildMode | Refused:
        if self.session is None:
            return NOT_ALLOWED
        self.session = None
        return ChildMode()

    def touch(self) -> None:
        """Staff touched the screen: staff mode stays open another 60 s."""
        if self.session is not None:
            self.session.last_activity = self._clock.now()

    def expire_if_idle(self) -> bool:
        s = self.session
        if s and (self._clock.now() - s.last_activity).total_seconds() > STAFF_IDLE_S:
            self.session = None
            return True
        return False

    def _allowed(self, action: str) -> StaffSession | None:
        s = self.session
        if s is None or (action in SUPERUSER_ONLY and s.role != "superuser"):
            return None
        s.last_activity = self._clock.now()
        return s

    # --- money ------------------------------------------------------------------------------------
    def _append(self, conn: Connection, staff: StaffSession, kind: str, child_id: str, *, lines: list[Any],
                net: int, gross: int, subsidy: int, delta: int, pct: int, refers_to: str | None,
                note: str | None) -> dict[str, Any]:  # fmt: skip
        now = self._clock.now()
        day, warnings = days.ensure_day(conn, now, self.settings.tz)
        self.warnings += warnings
        offline = is_offline(self._ledger.state(conn).last_sync_at, now, self.settings.offline_after_s)
        return self._ledger.append(conn, new_item(
            kind=kind, child_id=child_id, card_uid=None, staff_id=staff.staff_id,
            occurred_at=local_iso_ms(now, self.settings.tz), business_date=day.business_date, lines=lines,
            gross_ore=gross, subsidy_ore=subsidy, net_ore=net, balance_delta_ore=delta, friplads_pct=pct,
            refers_to=refers_to, note=note, offline=offline,
        ))  # fmt: skip

    @staticmethod
    def _sale_and_returns(conn: Connection, txn_id: str) -> tuple[Any, Booked | None, list[Booked]]:
        sale = conn.execute(select(_journal).where(_journal.c.txn_id == txn_id)).first()
        returns = list(conn.execute(select(_journal).where(_journal.c.refers_to == txn_id)).all()) if sale else []
        booked = Booked(sale.kind, sale.lines) if sale is not None else None
        return sale, booked, [Booked(r.kind, r.lines) for r in returns]

    def void(self, txn_id: str, reason: str) -> Voided | Refused:
        staff = self._allowed("void")
        if staff is None:
            return NOT_ALLOWED
        with self._engine.begin() as conn:
            sale, booked, returns = self._sale_and_returns(conn, txn_id)
            refused = check_void(booked, returns)  # the rules are the domain's
            if refused is not None:
                return Refused(Refusal(refused.value))
            item = self._append(conn, staff, "void", sale.child_id, lines=sale.lines, net=sale.net_ore,
                                gross=sale.gross_ore, subsidy=sale.subsidy_ore, delta=sale.net_ore,
                                pct=sale.friplads_pct, refers_to=txn_id, note=reason or "void")  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "void",
                       {"txn_id": txn_id}, {"txn_id": item["txn_id"], "net_ore": item["net_ore"]})  # fmt: skip
        self._committed()
        return Voided(item["txn_id"], txn_id, item["net_ore"])

    def refund(self, txn_id: str, product_ids: list[str], reason: str) -> Refunded | Refused:
        staff = self._allowed("refund")
        if staff is None:
            return NOT_ALLOWED
        with self._engine.begin() as conn:
            sale, booked, returns = self._sale_and_returns(conn, txn_id)
            lines = refund_lines(booked, returns, product_ids)  # each line exactly as it was in the sale
            if not isinstance(lines, list):
                return Refused(Refusal(lines.value))
            net = sum(line["net_ore"] for line in lines)
            item = self._append(conn, staff, "refund", sale.child_id, lines=list(lines), net=net,
                                gross=sum(line["gross_ore"] for line in lines),
                                subsidy=sum(line["subsidy_ore"] for line in lines), delta=net,
                                pct=sale.friplads_pct, refers_to=txn_id, note=reason or "refund")  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "refund",
                       {"txn_id": txn_id, "product_ids": product_ids},
                       {"txn_id": item["txn_id"], "net_ore": net})  # fmt: skip
        self._committed()
        return Refunded(item["txn_id"], txn_id, net)

    def topup_cash(self, child_id: str, amount_ore: Any) -> ToppedUp | Refused:
        staff = self._allowed("topup_cash")
        if staff is None:
            return NOT_ALLOWED
        if type(amount_ore) is not int or amount_ore <= 0 or amount_ore % 50 or amount_ore > MAX_TOPUP_ORE:
            return Refused(Refusal.INVALID_AMOUNT)  # whole multiples of 50 øre, the smallest coin
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return Refused(Refusal.UNKNOWN_CHILD)
            before = self._ledger.balance(conn, child)
            item = self._append(conn, staff, "topup_cash", child_id, lines=[], net=amount_ore, gross=amount_ore,
                                subsidy=0, delta=amount_ore, pct=child.friplads_pct, refers_to=None,
                                note=None)  # fmt: skip
            balance = before + amount_ore
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "topup_cash",
                       {"balance_ore": before}, {"balance_ore": balance, "txn_id": item["txn_id"]})  # fmt: skip
            if self._queue is not None and self._receipts is not None:
                doc = self._receipts.topup(item, child.display_name, balance, staff.display_name)
                PrintQueue.add(conn, "topup_cash", doc, item["txn_id"])
        self._committed()
        return ToppedUp(item["txn_id"], balance, amount_ore)

    def adjust(self, child_id: str, delta_ore: Any, note: str) -> Adjusted | Refused:
        staff = self._allowed("adjustment")
        if staff is None:
            return NOT_ALLOWED
        if type(delta_ore) is not int or delta_ore == 0 or abs(delta_ore) > 1_000_000_000:
            return Refused(Refusal.INVALID_AMOUNT)
        if not isinstance(note, str) or not note.strip():
            return Refused(Refusal.REASON_NEEDED)
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return Refused(Refusal.UNKNOWN_CHILD)
            before = self._ledger.balance(conn, child)
            item = self._append(conn, staff, "adjustment", child_id, lines=[], net=0, gross=0, subsidy=0,
                                delta=delta_ore, pct=child.friplads_pct, refers_to=None, note=note)  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "adjustment",
                       {"balance_ore": before}, {"balance_ore": before + delta_ore, "note": note})  # fmt: skip
        self._committed()
        return Adjusted(item["txn_id"], before + delta_ore)

    def _committed(self) -> None:
        if self._after_commit is not None:
            self._after_commit()

    # --- the business day ---------------------------------------------------------------------------
    def open_day(self, opening_float_ore: Any = 0) -> DayOpened | Refused:
        staff = self._allowed("open_day")
        if staff is None:
            return NOT_ALLOWED
        if type(opening_float_ore) is not int or not 0 <= opening_float_ore <= MAX_TOPUP_ORE:
            return Refused(Refusal.INVALID_AMOUNT)
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.begin() as conn:
            current, warnings = days.current_day(conn, now, tz)  # a day left open past midnight is closed
            self.warnings += warnings
            if current is not None:
                return Refused(Refusal.DAY_ALREADY_OPEN)
            day = days.open_day(conn, now, tz, staff.staff_id, opening_float_ore)
            days.audit(conn, now, tz, staff.staff_id, "open_day", None,
                       {"business_date": day.business_date, "opening_float_ore": opening_float_ore})  # fmt: skip
        return DayOpened(day.business_date)

    def set_opening_float(self, opening_float_ore: Any) -> DayOpened | FloatSet | Refused:
        """The staff screen's "Byttepenge": opens the day with this float, or, when a sale already opened
        today's day, sets that day's float, until the day's first cash top-up (from then on the cash
        figures depend on it) or its Z. Audited as ``opening_float`` with the float before and after."""
        staff = self._allowed("open_day")
        if staff is None:
            return NOT_ALLOWED
        if type(opening_float_ore) is not int or not 0 <= opening_float_ore <= MAX_TOPUP_ORE:
            return Refused(Refusal.INVALID_AMOUNT)
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.begin() as conn:
            current, warnings = days.current_day(conn, now, tz)
            self.warnings += warnings
            if current is not None:
                if days.cash_topups(conn, current.id):
                    return Refused(Refusal.FLOAT_LOCKED)
                before = days.set_opening_float(conn, current.id, opening_float_ore)
                days.audit(conn, now, tz, staff.staff_id, "opening_float", {"opening_float_ore": before},
                           {"business_date": current.business_date,
                            "opening_float_ore": opening_float_ore})  # fmt: skip
                return FloatSet(current.business_date, opening_float_ore)
        return self.open_day(opening_float_ore)

    def day_state(self) -> DayState | Refused:
        """The open business day for the "Dagen" tab: since when, its float, whether the float can still be
        changed (until the day's first cash top-up) and the cash expected in the till. Reads only."""
        if self._allowed("open_day") is None:
            return NOT_ALLOWED
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.connect() as conn:
            day = days.open_day_row(conn)
            if day is None:
                return DayState(False)
            figures = days.day_figures(conn, day.id, now, tz)["report"]
            locked = days.cash_topups(conn, day.id) > 0
        return DayState(True, day.business_date, datetime.fromisoformat(figures["opened_at"]).astimezone(tz),
                        figures["opening_float_ore"], locked, figures["cash_expected_ore"])  # fmt: skip

    def x_report(self) -> DayReport | Refused:
        staff = self._allowed("x_report")
        if staff is None:
            return NOT_ALLOWED
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.begin() as conn:
            day, warnings = days.ensure_day(conn, now, tz)
            self.warnings += warnings
            days.audit(conn, now, tz, staff.staff_id, "x_report", None, {"business_date": day.business_date})
            figures = days.day_figures(conn, day.id, now, tz)
            figures["report"]["closed_by"] = staff.staff_id
            if self._queue is not None and self._receipts is not None:
                PrintQueue.add(conn, "x_report", self._receipts.day_report("x", figures["report"],
                               figures["by_product"], figures["by_category"]))  # fmt: skip
        self._committed()
        return DayReport(False, figures["report"], figures["by_product"], figures["by_category"])

    def close_day(self, cash_counted_ore: Any) -> DayReport | Refused:
        staff = self._allowed("close_day")
        if staff is None:
            return NOT_ALLOWED
        if type(cash_counted_ore) is not int or not 0 <= cash_counted_ore <= 1_000_000_000:
            return Refused(Refusal.INVALID_AMOUNT)
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.begin() as conn:
            day, warnings = days.ensure_day(conn, now, tz)
            self.warnings += warnings
            days.audit(conn, now, tz, staff.staff_id, "close_day", None, {"cash_counted_ore": cash_counted_ore})
            figures = days.close_day(conn, day, now, tz, staff.staff_id, cash_counted_ore)
            if self._queue is not None and self._receipts is not None:
                doc = self._receipts.day_report("z", figures["report"], figures["by_product"], figures["by_category"])
                PrintQueue.add(conn, "z_report", doc, figures["report"]["closing_id"])
        self._committed()
        return DayReport(True, figures["report"], figures["by_product"], figures["by_category"])

    # --- cards and children -------------------------------------------------------------------------
    def _card_change(self, conn: Connection, staff: StaffSession, uid: str, child_id: str | None,
                     status: str) -> None:  # fmt: skip
        now = self._clock.now()
        existing = conn.execute(select(_cards).where(_cards.c.card_uid == uid)).first()
        if existing is None:
            conn.execute(insert(_cards), {"card_uid": uid, "child_id": child_id, "status": status})
        else:
            conn.execute(update(_cards).where(_cards.c.card_uid == uid).values(child_id=child_id, status=status))
        conn.execute(insert(_changes), {"change_id": str(uuid.uuid4()), "card_uid": uid, "child_id": child_id,
                                        "status": status, "staff_id": staff.staff_id,
                                        "occurred_at": local_iso_ms(now, self.settings.tz),
                                        "sent_status": "pending"})  # fmt: skip
        before = {"child_id": existing.child_id, "status": existing.status} if existing else None
        days.audit(conn, now, self.settings.tz, staff.staff_id, "card_change", before,
                   {"card_uid": uid, "child_id": child_id, "status": status})  # fmt: skip

    def card_owner(self, raw_uid: str) -> CardOwner | Refused:
        """Whose is this card? Read before "Giv nyt kort" asks, so the confirmation names the child who has
        it now (or says it is unknown, or refuses a staff card)."""
        if self._allowed("assign_card") is None:
            return NOT_ALLOWED
        uid = normalise_card(raw_uid)
        if not is_card_uid(uid):
            return Refused(Refusal.INVALID_CARD)
        with self._engine.connect() as conn:
            if conn.execute(select(_staff.c.staff_id).where(_staff.c.card_uid == uid)).first():
                return CardOwner(uid, True, None, None, None)
            card = self._ledger.card(conn, uid)
            child = self._ledger.child(conn, card.child_id) if card is not None and card.child_id else None
        return CardOwner(uid, False, child.child_id if child else None, child.display_name if child else None,
                         card.status if card else None)  # fmt: skip

    def assign_card(self, raw_uid: str, child_id: str, from_child_id: str | None = None) -> CardAssigned | Refused:
        """An unknown (or replacement) card now belongs to ``child_id``: same child, same balance.

        A card that belongs to another child is never moved silently: ``from_child_id`` must name that child
        (the staff screen's confirmation did), else ``card_of_another_child`` and nothing changes. Checked in
        the same transaction as the move, so a card that changed hands meanwhile is not taken either."""
        staff = self._allowed("assign_card")
        if staff is None:
            return NOT_ALLOWED
        uid = normalise_card(raw_uid)
        if not is_card_uid(uid):
            return Refused(Refusal.INVALID_CARD)
        with self._engine.begin() as conn:
            if self._ledger.child(conn, child_id) is None:
                return Refused(Refusal.UNKNOWN_CHILD)
            if conn.execute(select(_staff.c.staff_id).where(_staff.c.card_uid == uid)).first():
                return Refused(Refusal.STAFF_CARD)
            card = self._ledger.card(conn, uid)
            owner = card.child_id if card is not None else None
            if owner is not None and owner != child_id and owner != from_child_id:
                log.info("card %s belongs to another child: not moved without naming that child", mask_uid(uid))
                return Refused(Refusal.CARD_OF_ANOTHER_CHILD)
            self._card_change(conn, staff, uid, child_id, "active")
        if owner is not None and owner != child_id:
            log.info("card %s moved from one child to another by %s", mask_uid(uid), staff.staff_id)
        self._committed()
        return CardAssigned(uid, child_id)

    def new_card_code(self, child_id: str) -> CardAssigned | Refused:
        """A new printed card code for a child (with the parents' welcome letter when a printer is set up)."""
        staff = self._allowed("new_card_code")
        if staff is None:
            return NOT_ALLOWED
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by people
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return Refused(Refusal.UNKNOWN_CHILD)
            while True:
                code = "K" + "".join(secrets.choice(alphabet) for _ in range(7))
                if conn.execute(select(_cards.c.card_uid).where(_cards.c.card_uid == code)).first() is None:
                    break
            self._card_change(conn, staff, code, child_id, "active")
            if self._queue is not None and self._receipts is not None:
                PrintQueue.add(conn, "welcome", self._receipts.welcome(child.display_name, code), code)
        self._committed()
        return CardAssigned(code, child_id)

    def set_card_status(self, raw_uid: str, status: str) -> CardChanged | Refused:
        staff = self._allowed("card_status")
        if staff is None:
            return NOT_ALLOWED
        if status not in ("lost", "blocked", "active"):
            return Refused(Refusal.INVALID_STATUS)
        uid = normalise_card(raw_uid)
        with self._engine.begin() as conn:
            card = conn.execute(select(_cards).where(_cards.c.card_uid == uid)).first()
            if card is None:
                return Refused(Refusal.UNKNOWN_CARD)
            self._card_change(conn, staff, uid, card.child_id, status)
        self._committed()
        return CardChanged(uid, status)

    def find_children(self, query: str = "") -> list[ChildSummary]:
        """Every child whose name holds all the words of ``query`` (all children for ""), by name; no limit."""
        if self._allowed("find") is None:
            return []
        words = [w for w in re.split(r"\s+", query.strip().lower()) if w]
        with self._engine.connect() as conn:
            balances = self._ledger.balances(conn)
            return [ChildSummary(c.child_id, c.display_name, balances.get(c.child_id, c.balance_ore), c.blocked,
                                 c.friplads_pct)
                    for c in self._ledger.children(conn)
                    if all(w in c.display_name.lower() for w in words)]  # fmt: skip

    def child_details(self, child_id: str, limit: int = 20) -> ChildDetails | Refused:
        """One child for the staff screen, read fresh: balance, cards, the newest transactions with product
        names and local times, and what may still be voided or refunded."""
        if self._allowed("recent") is None:
            return NOT_ALLOWED
        tz = self.settings.tz
        with self._engine.connect() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return Refused(Refusal.UNKNOWN_CHILD)
            summary = ChildSummary(child.child_id, child.display_name, self._ledger.balance(conn, child),
                                   child.blocked, child.friplads_pct)  # fmt: skip
            cards = tuple(CardInfo(c.card_uid, c.status) for c in self._ledger.cards_of(conn, child_id))
            rows = conn.execute(select(_journal).where(_journal.c.child_id == child_id)
                                .order_by(_journal.c.seq.desc()).limit(limit)).all()  # fmt: skip
            sale_ids = [r.txn_id for r in rows if r.kind == "sale"]
            returns: dict[str, list[Booked]] = {}
            for r in conn.execute(select(_journal.c.refers_to, _journal.c.kind, _journal.c.lines)
                                  .where(_journal.c.refers_to.in_(sale_ids))):  # fmt: skip
                returns.setdefault(r.refers_to, []).append(Booked(r.kind, r.lines))
            names = {p.product_id: p.name for p in self._ledger.products(conn)}
        recent = []
        for r in rows:
            booked = Booked(r.kind, r.lines)
            done = returns.get(r.txn_id, [])
            open_lines = set(refundable_products(booked, done)) if r.kind == "sale" else set()
            lines = tuple(LineInfo(line["product_id"], names.get(line["product_id"], line["product_id"]),
                                   line["qty"], line["net_ore"], line["product_id"] in open_lines)
                          for line in r.lines)  # fmt: skip
            recent.append(TxnInfo(r.txn_id, r.seq, r.kind, datetime.fromisoformat(r.occurred_at).astimezone(tz),
                                  r.net_ore, r.balance_delta_ore, lines, r.refers_to,
                                  r.kind == "sale" and check_void(booked, done) is None))  # fmt: skip
        return ChildDetails(summary, cards, tuple(recent))

    def open_rejections(self) -> list[RejectionInfo]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(_rejections).where(_rejections.c.resolved_at.is_(None))
                                .order_by(_rejections.c.seq)).all()  # fmt: skip
        return [RejectionInfo(r.seq, r.txn_id, r.reason) for r in rows]

    def resolve_rejection(self, seq: int, note: str) -> RejectionResolved | Refused:
        """A superuser dealt with a transaction the finance side rejected (typically by an adjustment)."""
        staff = self._allowed("adjustment")
        if staff is None:
            return NOT_ALLOWED
        now = self._clock.now()
        with self._engine.begin() as conn:
            done = conn.execute(update(_rejections).where(_rejections.c.seq == seq, _rejections.c.resolved_at.is_(None))
                                .values(resolved_at=now.astimezone(UTC).isoformat())).rowcount  # fmt: skip
            if not done:
                return Refused(Refusal.UNKNOWN_TXN)
            days.audit(conn, now, self.settings.tz, staff.staff_id, "rejection_resolved", {"seq": seq}, {"note": note})
        return RejectionResolved(seq)

    def resume_sync(self) -> SyncResumed | Refused:
        """After a superuser checked a conflict with the finance side: let the sync engine try again."""
        staff = self._allowed("adjustment")
        if staff is None:
            return NOT_ALLOWED
        now = self._clock.now()
        with self._engine.begin() as conn:
            before = self._ledger.state(conn).sync_blocked
            self._ledger.update_state(conn, sync_blocked=None)
            days.audit(conn, now, self.settings.tz, staff.staff_id, "sync_resumed", {"blocked": before}, None)
        self._committed()
        return SyncResumed()

    def change_settings(self, changes: dict[str, Any]) -> SettingsChanged | Refused:
        """Superuser: change kiosk settings (all or nothing); stored in the ledger, audited."""
        from . import kiosk_settings

        staff = self._allowed("adjustment")
        if staff is None:
            return NOT_ALLOWED
        for key, value in changes.items():
            problem = kiosk_settings.check(key, value)
            if problem is not None:
                return Refused(Refusal.INVALID_SETTING, problem)
        now = self._clock.now()
        with self._engine.begin() as conn:
            before = {k: v for k, v in kiosk_settings.current(conn).items() if k in changes}
            for key, value in changes.items():
                kiosk_settings.store(conn, key, value, now, staff.staff_id)
            days.audit(conn, now, self.settings.tz, staff.staff_id, "settings", before, changes)
        return SettingsChanged(changes)

    def audit_entries(self, limit: int = 30) -> list[AuditEntry]:
        """The newest audit entries, for superusers: who by name, what, local time."""
        if self._allowed("adjustment") is None:
            return []
        with self._engine.connect() as conn:
            names = {r.staff_id: r.display_name for r in conn.execute(select(_staff.c.staff_id, _staff.c.display_name))}
            rows = conn.execute(select(days._audit).order_by(days._audit.c.id.desc()).limit(limit)).all()
        return [AuditEntry(datetime.fromisoformat(r.at).astimezone(self.settings.tz), r.staff_id,
                           names.get(r.staff_id, ""), r.action, r.before, r.after) for r in rows]  # fmt: skip
