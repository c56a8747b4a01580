"""Staff and superusers: unlock with card + PIN, handle exceptions, open and close the day. Audited."""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import Connection, Engine, insert, select, update

from pos_app.domain.clock import local_iso_ms
from pos_app.domain.model import is_card_uid, mask_uid, normalise_card
from pos_app.domain.pins import pin_matches
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


@dataclass(frozen=True, slots=True)
class StaffEvent:
    """A result of a staff use case: ``event`` and the fields the simulator prints."""

    event: str
    fields: dict[str, Any]
    extra: dict[str, Any] | None = None  # for the UI only (not printed)

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, **self.fields}


def _declined(reason: str) -> StaffEvent:
    return StaffEvent("declined", {"reason": reason})


@dataclass(slots=True)
class StaffSession:
    staff_id: str
    role: str
    display_name: str
    last_activity: datetime


class StaffService:
    NOT_ALLOWED: ClassVar[StaffEvent] = _declined("not_allowed")

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

    def login(self, raw_card: str, pin: str) -> StaffEvent:
        uid = normalise_card(raw_card)
        now = self._clock.now()
        tz = self.settings.tz
        with self._engine.begin() as conn:
            staff = conn.execute(select(_staff).where(_staff.c.card_uid == uid)).first() if is_card_uid(uid) else None
            if staff is None:
                log.info("staff login: unknown card %s", mask_uid(uid))
                return StaffEvent("staff_denied", {"reason": "unknown_card"})
            lock = conn.execute(select(_lock).where(_lock.c.staff_id == staff.staff_id)).first()
            if lock is not None and lock.locked_until and datetime.fromisoformat(lock.locked_until) > now:
                return StaffEvent("staff_denied", {"reason": "locked"})
            if not isinstance(pin, str) or not pin_matches(pin, staff.pin_hash):
                failed = (lock.failed_count if lock is not None and not lock.locked_until else 0) + 1
                locked_until = None
                if failed >= MAX_WRONG_PINS:
                    locked_until, failed = (now + timedelta(minutes=LOCK_MINUTES)).astimezone(UTC).isoformat(), 0
                    log.warning("staff card of %s locked for %d minutes after %d wrong PINs", staff.staff_id,
                                LOCK_MINUTES, MAX_WRONG_PINS)  # fmt: skip
                self._set_lock(conn, staff.staff_id, failed, locked_until, exists=lock is not None)
                days.audit(conn, now, tz, staff.staff_id, "pin_wrong" if not locked_until else "pin_locked")
                return StaffEvent("staff_denied", {"reason": "wrong_pin"})
            self._set_lock(conn, staff.staff_id, 0, None, exists=lock is not None)
            days.audit(conn, now, tz, staff.staff_id, "staff_mode", None, {"role": staff.role})
        self.session = StaffSession(staff.staff_id, staff.role, staff.display_name, now)
        return StaffEvent("staff_mode", {"staff_id": staff.staff_id, "role": staff.role},
                          {"display_name": staff.display_name})  # fmt: skip

    @staticmethod
    def _set_lock(conn: Connection, staff_id: str, failed: int, until: str | None, exists: bool) -> None:
        if exists:
            conn.execute(update(_lock).where(_lock.c.staff_id == staff_id).values(failed_count=failed,
                                                                                   locked_until=until))  # fmt: skip
        else:
            conn.execute(insert(_lock), {"staff_id": staff_id, "failed_count": failed, "locked_until": until})

    def leave(self) -> StaffEvent:
        if self.session is None:
            return self.NOT_ALLOWED
        self.session = None
        return StaffEvent("child_mode", {})

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
        return self._ledger.append(conn, {
            "txn_id": str(uuid.uuid4()), "kind": kind, "child_id": child_id, "card_uid": None,
            "staff_id": staff.staff_id, "occurred_at": local_iso_ms(now, self.settings.tz),
            "business_date": day.business_date, "lines": lines, "gross_ore": gross, "subsidy_ore": subsidy,
            "net_ore": net, "balance_delta_ore": delta, "friplads_pct": pct, "refers_to": refers_to,
            "note": note[:500] if note else None, "offline": self._offline(conn),
        })  # fmt: skip

    def _offline(self, conn: Connection) -> bool:
        last = self._ledger.state(conn).last_sync_at
        return last is None or (self._clock.now() - last).total_seconds() > self.settings.offline_after_s

    def _sale_and_returns(self, conn: Connection, txn_id: str) -> tuple[Any, list[Any]]:
        sale = conn.execute(select(_journal).where(_journal.c.txn_id == txn_id)).first()
        returns = list(conn.execute(select(_journal).where(_journal.c.refers_to == txn_id)).all()) if sale else []
        return sale, returns

    @staticmethod
    def _not_returnable(sale: Any, returns: list[Any]) -> StaffEvent | None:
        """The contract's rules shared by void and refund: only sales, never from a voided one."""
        if sale is None:
            return _declined("unknown_txn")
        if sale.kind != "sale":
            return _declined("not_a_sale")
        if any(r.kind == "void" for r in returns):
            return _declined("already_voided")
        return None

    def void(self, txn_id: str, reason: str) -> StaffEvent:
        staff = self._allowed("void")
        if staff is None:
            return self.NOT_ALLOWED
        with self._engine.begin() as conn:
            sale, returns = self._sale_and_returns(conn, txn_id)
            refused = self._not_returnable(sale, returns)
            if refused is not None:
                return refused
            if returns:
                return _declined("already_refunded")
            item = self._append(conn, staff, "void", sale.child_id, lines=sale.lines, net=sale.net_ore,
                                gross=sale.gross_ore, subsidy=sale.subsidy_ore, delta=sale.net_ore,
                                pct=sale.friplads_pct, refers_to=txn_id, note=reason or "void")  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "void",
                       {"txn_id": txn_id}, {"txn_id": item["txn_id"], "net_ore": item["net_ore"]})  # fmt: skip
        self._committed()
        return StaffEvent("voided", {"txn_id": item["txn_id"], "refers_to": txn_id})

    def refund(self, txn_id: str, product_ids: list[str], reason: str) -> StaffEvent:
        staff = self._allowed("refund")
        if staff is None:
            return self.NOT_ALLOWED
        if not product_ids or len(set(product_ids)) != len(product_ids):
            return _declined("bad_lines")
        with self._engine.begin() as conn:
            sale, returns = self._sale_and_returns(conn, txn_id)
            refused = self._not_returnable(sale, returns)
            if refused is not None:
                return refused
            refunded = {line["product_id"] for r in returns for line in r.lines}
            by_product = {line["product_id"]: line for line in sale.lines}
            if any(pid not in by_product for pid in product_ids):
                return _declined("line_not_in_sale")
            if any(pid in refunded for pid in product_ids):
                return _declined("already_refunded")
            lines = [by_product[pid] for pid in product_ids]  # each line exactly as it was in the sale
            net = sum(line["net_ore"] for line in lines)
            item = self._append(conn, staff, "refund", sale.child_id, lines=lines, net=net,
                                gross=sum(line["gross_ore"] for line in lines),
                                subsidy=sum(line["subsidy_ore"] for line in lines), delta=net,
                                pct=sale.friplads_pct, refers_to=txn_id, note=reason or "refund")  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "refund",
                       {"txn_id": txn_id, "product_ids": product_ids},
                       {"txn_id": item["txn_id"], "net_ore": net})  # fmt: skip
        self._committed()
        return StaffEvent("refunded", {"txn_id": item["txn_id"], "refers_to": txn_id, "net_ore": net})

    def topup_cash(self, child_id: str, amount_ore: Any) -> StaffEvent:
        staff = self._allowed("topup_cash")
        if staff is None:
            return self.NOT_ALLOWED
        if type(amount_ore) is not int or amount_ore <= 0 or amount_ore % 50 or amount_ore > MAX_TOPUP_ORE:
            return _declined("invalid_amount")  # whole multiples of 50 øre, the smallest coin
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return _declined("unknown_child")
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
        return StaffEvent("topped_up", {"txn_id": item["txn_id"], "balance_ore": balance})

    def adjust(self, child_id: str, delta_ore: Any, note: str) -> StaffEvent:
        staff = self._allowed("adjustment")
        if staff is None:
            return self.NOT_ALLOWED
        if type(delta_ore) is not int or delta_ore == 0 or abs(delta_ore) > 1_000_000_000:
            return _declined("invalid_amount")
        if not isinstance(note, str) or not note.strip():
            return _declined("reason_needed")
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return _declined("unknown_child")
            before = self._ledger.balance(conn, child)
            item = self._append(conn, staff, "adjustment", child_id, lines=[], net=0, gross=0, subsidy=0,
                                delta=delta_ore, pct=child.friplads_pct, refers_to=None, note=note)  # fmt: skip
            days.audit(conn, self._clock.now(), self.settings.tz, staff.staff_id, "adjustment",
                       {"balance_ore": before}, {"balance_ore": before + delta_ore, "note": note})  # fmt: skip
        self._committed()
        return StaffEvent("adjusted", {"txn_id": item["txn_id"], "balance_ore": before + delta_ore})

    def _committed(self) -> None:
        if self._after_commit is not None:
            self._after_commit()

    # --- the business day ---------------------------------------------------------------------------
    def open_day(self, opening_float_ore: Any = 0) -> StaffEvent:
        staff = self._allowed("open_day")
        if staff is None:
            return self.NOT_ALLOWED
        if type(opening_float_ore) is not int or not 0 <= opening_float_ore <= MAX_TOPUP_ORE:
            return _declined("invalid_amount")
        now, tz = self._clock.now(), self.settings.tz
        with self._engine.begin() as conn:
            current = days.open_day_row(conn)
            if current is not None:
                if current.business_date == now.astimezone(tz).date().isoformat():
                    return _declined("day_already_open")
                report = days.close_day(conn, current, now, tz, days.AUTO, None)
                self.warnings.append(f"business day {current.business_date} was left open; closed with Z "
                                     f"{report['report']['z_number']}, cash counted as expected")  # fmt: skip
            day = days.open_day(conn, now, tz, staff.staff_id, opening_float_ore)
            days.audit(conn, now, tz, staff.staff_id, "open_day", None,
                       {"business_date": day.business_date, "opening_float_ore": opening_float_ore})  # fmt: skip
        return StaffEvent("day_opened", {"business_date": day.business_date})

    def x_report(self) -> StaffEvent:
        staff = self._allowed("x_report")
        if staff is None:
            return self.NOT_ALLOWED
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
        return StaffEvent("x_report", figures)

    def close_day(self, cash_counted_ore: Any) -> StaffEvent:
        staff = self._allowed("close_day")
        if staff is None:
            return self.NOT_ALLOWED
        if type(cash_counted_ore) is not int or not 0 <= cash_counted_ore <= 1_000_000_000:
            return _declined("invalid_amount")
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
        return StaffEvent("z_report", figures)

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

    def assign_card(self, raw_uid: str, child_id: str) -> StaffEvent:
        """An unknown (or replacement) card now belongs to ``child_id``: same child, same balance."""
        staff = self._allowed("assign_card")
        if staff is None:
            return self.NOT_ALLOWED
        uid = normalise_card(raw_uid)
        if not is_card_uid(uid):
            return _declined("invalid_card")
        with self._engine.begin() as conn:
            if self._ledger.child(conn, child_id) is None:
                return _declined("unknown_child")
            if conn.execute(select(_staff.c.staff_id).where(_staff.c.card_uid == uid)).first():
                return _declined("staff_card")
            self._card_change(conn, staff, uid, child_id, "active")
        self._committed()
        return StaffEvent("card_assigned", {"card_uid": uid, "child_id": child_id})

    def new_card_code(self, child_id: str) -> StaffEvent:
        """A new printed card code for a child (with the parents' welcome letter when a printer is set up)."""
        staff = self._allowed("new_card_code")
        if staff is None:
            return self.NOT_ALLOWED
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by people
        with self._engine.begin() as conn:
            child = self._ledger.child(conn, child_id)
            if child is None:
                return _declined("unknown_child")
            while True:
                code = "K" + "".join(secrets.choice(alphabet) for _ in range(7))
                if conn.execute(select(_cards.c.card_uid).where(_cards.c.card_uid == code)).first() is None:
                    break
            self._card_change(conn, staff, code, child_id, "active")
            if self._queue is not None and self._receipts is not None:
                PrintQueue.add(conn, "welcome", self._receipts.welcome(child.display_name, code), code)
        self._committed()
        return StaffEvent("card_assigned", {"card_uid": code, "child_id": child_id})

    def set_card_status(self, raw_uid: str, status: str) -> StaffEvent:
        staff = self._allowed("card_status")
        if staff is None:
            return self.NOT_ALLOWED
        if status not in ("lost", "blocked", "active"):
            return _declined("invalid_status")
        uid = normalise_card(raw_uid)
        with self._engine.begin() as conn:
            card = conn.execute(select(_cards).where(_cards.c.card_uid == uid)).first()
            if card is None:
                return _declined("unknown_card")
            self._card_change(conn, staff, uid, card.child_id, status)
        self._committed()
        return StaffEvent("card_changed", {"card_uid": uid, "status": status})

    def find_children(self, query: str) -> list[dict[str, Any]]:
        if self._allowed("find") is None:
            return []
        words = [w for w in re.split(r"\s+", query.strip().lower()) if w]
        with self._engine.connect() as conn:
            out = []
            for child in self._ledger.children(conn):
                if all(w in child.display_name.lower() for w in words):
                    out.append({"child_id": child.child_id, "display_name": child.display_name,
                                "balance_ore": self._ledger.balance(conn, child), "blocked": child.blocked,
                                "friplads_pct": child.friplads_pct})  # fmt: skip
            return out[:50]

    def recent(self, child_id: str, limit: int = 20) -> list[dict[str, Any]]:
        if self._allowed("recent") is None:
            return []
        with self._engine.connect() as conn:
            rows = conn.execute(select(_journal.c.txn_id, _journal.c.seq, _journal.c.kind, _journal.c.occurred_at,
                                       _journal.c.net_ore, _journal.c.lines, _journal.c.refers_to)
                                .where(_journal.c.child_id == child_id).order_by(_journal.c.seq.desc())
                                .limit(limit)).all()  # fmt: skip
        return [dict(r._mapping) for r in rows]

    def open_rejections(self) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(_rejections).where(_rejections.c.resolved_at.is_(None))
                                .order_by(_rejections.c.seq)).all()  # fmt: skip
        return [dict(r._mapping) for r in rows]

    def resolve_rejection(self, seq: int, note: str) -> StaffEvent:
        """A superuser dealt with a transaction the finance side rejected (typically by an adjustment)."""
        staff = self._allowed("adjustment")
        if staff is None:
            return self.NOT_ALLOWED
        now = self._clock.now()
        with self._engine.begin() as conn:
            done = conn.execute(update(_rejections).where(_rejections.c.seq == seq, _rejections.c.resolved_at.is_(None))
                                .values(resolved_at=now.astimezone(UTC).isoformat())).rowcount  # fmt: skip
            if not done:
                return _declined("unknown_txn")
            days.audit(conn, now, self.settings.tz, staff.staff_id, "rejection_resolved", {"seq": seq}, {"note": note})
        return StaffEvent("rejection_resolved", {"seq": seq})

    def resume_sync(self) -> StaffEvent:
        """After a superuser checked a conflict with the finance side: let the sync engine try again."""
        staff = self._allowed("adjustment")
        if staff is None:
            return self.NOT_ALLOWED
        now = self._clock.now()
        with self._engine.begin() as conn:
            before = self._ledger.state(conn).sync_blocked
            self._ledger.update_state(conn, sync_blocked=None)
            days.audit(conn, now, self.settings.tz, staff.staff_id, "sync_resumed", {"blocked": before}, None)
        self._committed()
        return StaffEvent("sync_resumed", {})

    def change_settings(self, changes: dict[str, Any]) -> StaffEvent:
        """Superuser: change kiosk settings (all or nothing); stored in the ledger, audited."""
        from . import kiosk_settings

        staff = self._allowed("adjustment")
        if staff is None:
            return self.NOT_ALLOWED
        for key, value in changes.items():
            problem = kiosk_settings.check(key, value)
            if problem is not None:
                return StaffEvent("declined", {"reason": "invalid_setting"}, {"message": problem})
        now = self._clock.now()
        with self._engine.begin() as conn:
            before = {k: v for k, v in kiosk_settings.current(conn).items() if k in changes}
            for key, value in changes.items():
                kiosk_settings.store(conn, key, value, now, staff.staff_id)
            days.audit(conn, now, self.settings.tz, staff.staff_id, "settings", before, changes)
        return StaffEvent("settings_changed", {"changes": changes})

    def audit_entries(self, limit: int = 30) -> list[dict[str, Any]]:
        """The newest audit entries, for superusers."""
        if self._allowed("adjustment") is None:
            return []
        with self._engine.connect() as conn:
            rows = conn.execute(select(days._audit).order_by(days._audit.c.id.desc()).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

