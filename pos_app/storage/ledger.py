"""Repositories over the local ledger. Each method works inside a unit of work the caller opened.

The hot path (tap, pay) uses SQLAlchemy Core statements built once, so that SQLAlchemy's
compiled cache makes each purchase a handful of cheap statements in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from pos_app.domain.journal import TXN_FIELDS, chain_hash
from pos_app.domain.model import Card, CardUid, Child, ChildId, Product, ProductId
from pos_app.domain.snapshot import Snapshot

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
_Q_DELTA = select(func.coalesce(func.sum(_journal_t.c.balance_delta_ore), 0)).where(
    _journal_t.c.child_id == bindparam("child_id"), _journal_t.c.seq > bindparam("applied")
)
_Q_HEAD = select(_head_t.c.last_seq, _head_t.c.last_hash).where(_head_t.c.id == 1)
_Q_TODAY = (
    select(_journal_t.c.kind, _journal_t.c.offline, func.sum(_journal_t.c.net_ore))
    .where(_journal_t.c.child_id == bindparam("child_id"), _journal_t.c.business_date == bindparam("bdate"))
    .group_by(_journal_t.c.kind, _journal_t.c.offline)
)
_I_JOURNAL = insert(_journal_t)
_U_HEAD = update(_head_t).where(_head_t.c.id == 1)
_Q_STATE = select(
    _state_t.c.club_id, _state_t.c.kiosk_id, _state_t.c.snapshot_cursor, _state_t.c.last_sync_at,
    _state_t.c.catalogue_generation, _state_t.c.applied_seq, _state_t.c.sync_blocked, _state_t.c.last_sync_error,
    _state_t.c.last_sync_attempt_at, _state_t.c.heard_seq,
).where(_state_t.c.id == 1)  # fmt: skip


def _child(row: Any) -> Child:
    return Child(
        ChildId(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], frozenset(row[8]), bool(row[9])
    )


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


@dataclass(frozen=True, slots=True)
class DaySpending:
    spent_net_ore: int  # sales minus refunds and voids
    offline_sales_net_ore: int  # sales made while offline


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
        """The finance side's balance plus this kiosk's transactions it has not applied yet."""
        delta = conn.execute(_Q_DELTA, {"child_id": child.child_id, "applied": child.balance_applied_seq}).scalar_one()
        return int(child.balance_ore + delta)

    def balances(self, conn: Connection) -> dict[str, int]:
        """Every child's balance (as ``balance``) in one query: for the staff screen's list of all children."""
        delta = (select(_journal_t.c.child_id, func.sum(_journal_t.c.balance_delta_ore).label("delta"))
                 .join(_child_t, _child_t.c.child_id == _journal_t.c.child_id)
                 .where(_journal_t.c.seq > _child_t.c.balance_applied_seq)
                 .group_by(_journal_t.c.child_id).subquery())  # fmt: skip
        rows = conn.execute(select(_child_t.c.child_id, _child_t.c.balance_ore, func.coalesce(delta.c.delta, 0))
                            .outerjoin(delta, delta.c.child_id == _child_t.c.child_id))  # fmt: skip
        return {r[0]: int(r[1] + r[2]) for r in rows}

    def day_spending(self, conn: Connection, child_id: str, business_date: str) -> DaySpending:
        spent = offline_sales = 0
        for kind, offline, net in conn.execute(_Q_TODAY, {"child_id": child_id, "bdate": business_date}):
            if kind == "sale":
                spent += net
                if offline:
                    offline_sales += net
            elif kind in ("refund", "void"):
                spent -= net
        return DaySpending(spent, offline_sales)

    def head(self, conn: Connection) -> tuple[int, str]:
        row = conn.execute(_Q_HEAD).one()
        return int(row[0]), str(row[1])

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
        last_seq, last_hash = self.head(conn)
        item = {name: txn.get(name) for name in TXN_FIELDS}
        item["seq"] = last_seq + 1
        item["prev_hash"] = last_hash
        item.pop("hash")
        item["hash"] = chain_hash(item)
        conn.execute(_I_JOURNAL, item)
        conn.execute(_U_HEAD, {"last_seq": item["seq"], "last_hash": item["hash"]})
        return item

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
