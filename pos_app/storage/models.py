"""Typed SQLAlchemy 2 models. The schema itself is made only by Alembic (migrations/)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import JSON, Boolean, Index, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def table(row: type[Base]) -> Table:
    """A model's Core table, typed as one (for the hot-path Core statements)."""
    return cast(Table, row.__table__)


class ChildRow(Base):
    __tablename__ = "children"

    child_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    friplads_pct: Mapped[int] = mapped_column(Integer)
    payment_mode: Mapped[str] = mapped_column(String(16))
    balance_ore: Mapped[int] = mapped_column(Integer)
    balance_applied_seq: Mapped[int] = mapped_column(Integer)
    daily_limit_ore: Mapped[int | None] = mapped_column(Integer, nullable=True)
    credit_limit_ore: Mapped[int] = mapped_column(Integer)
    restrictions: Mapped[list[str]] = mapped_column(JSON)
    blocked: Mapped[bool] = mapped_column(Boolean)


class CardRow(Base):
    __tablename__ = "cards"

    card_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    child_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16))


class ProductRow(Base):
    __tablename__ = "products"

    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    price_ore: Mapped[int] = mapped_column(Integer)
    friplads_eligible: Mapped[bool] = mapped_column(Boolean)
    category: Mapped[str] = mapped_column(String(32))
    barcode: Mapped[str | None] = mapped_column(String(48), nullable=True, index=True)
    tags: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean)
    icon: Mapped[str | None] = mapped_column(String(40), nullable=True)  # a built-in picture's name
    image_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # a picture in the image cache


class StaffRow(Base):
    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    card_uid: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    pin_hash: Mapped[str] = mapped_column(String(300))


class JournalRow(Base):
    """The append-only journal; columns carry the contract's field names."""

    __tablename__ = "journal"
    __table_args__ = (
        Index("ix_journal_child_seq", "child_id", "seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    txn_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    child_id: Mapped[str] = mapped_column(String(64))
    card_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    staff_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    occurred_at: Mapped[str] = mapped_column(String(40))
    business_date: Mapped[str] = mapped_column(String(10))
    lines: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    gross_ore: Mapped[int] = mapped_column(Integer)
    subsidy_ore: Mapped[int] = mapped_column(Integer)
    net_ore: Mapped[int] = mapped_column(Integer)
    balance_delta_ore: Mapped[int] = mapped_column(Integer)
    friplads_pct: Mapped[int] = mapped_column(Integer)
    refers_to: Mapped[str | None] = mapped_column(String(36), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    offline: Mapped[bool] = mapped_column(Boolean)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Running figures, local to this kiosk (never sent, not in the hash), written once with the row by
    # Ledger.append: the child's balance_delta_ore summed over its rows up to this one; the newest business
    # date among them (figures_date) and the child's spending on that date up to this row (sales minus
    # refunds and voids; sales made offline).
    child_cum_delta_ore: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    figures_date: Mapped[str] = mapped_column(String(10), default="", server_default="")
    day_spent_net_ore: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    day_offline_sales_net_ore: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class JournalHeadRow(Base):
    """The chain's head (last seq and hash) as recorded at a quiet moment: by the WAL checkpointer after it
    copied the WAL in a quiet gap, after an idle tick and when it stops, and by each Z report
    (``Ledger.record_head``).

    The journal's actual head is its last row (a sale writes no other row for it). Kept apart from the
    journal so that removing rows from its end, up to the recorded head, is detected by --verify.
    """

    __tablename__ = "journal_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class KioskStateRow(Base):
    """One row: who this kiosk is and where its sync stands."""

    __tablename__ = "kiosk_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    club_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    kiosk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    snapshot_cursor: Mapped[str | None] = mapped_column(String(512), nullable=True)
    last_sync_at: Mapped[str | None] = mapped_column(String(40), nullable=True)  # UTC ISO 8601
    catalogue_generation: Mapped[int] = mapped_column(Integer, default=0)
    applied_seq: Mapped[int] = mapped_column(Integer, default=0)  # the finance side's kiosk_applied_seq
    sync_blocked: Mapped[str | None] = mapped_column(String(500), nullable=True)  # a person must act
    last_sync_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    last_sync_attempt_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    heard_seq: Mapped[int] = mapped_column(Integer, default=0)  # the highest seq whose decision reached us


class PrintJobRow(Base):
    """A document waiting to be printed (or printed): the printer worker takes them in order."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(24))  # sale, topup_cash, x_report, z_report, welcome, test, copy
    ref: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # pending, printed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    printed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class SyncRejectionRow(Base):
    """A transaction the finance side decided but did not book: shown to a superuser until resolved."""

    __tablename__ = "sync_rejections"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    txn_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(500))
    decided_at: Mapped[str] = mapped_column(String(40))
    resolved_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class CardChangeRow(Base):
    """A card given, replaced, lost or blocked at the kiosk, to send to the finance side."""

    __tablename__ = "card_changes"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_uid: Mapped[str] = mapped_column(String(32))
    child_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[str] = mapped_column(String(40))
    sent_status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)


class DayClosingRow(Base):
    """A Z report in the contract's day-closing format, to send after that day's transactions."""

    __tablename__ = "day_closings"

    closing_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    z_number: Mapped[int] = mapped_column(Integer, unique=True)
    business_date: Mapped[str] = mapped_column(String(10))
    last_seq: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    sent_status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)


class StaffLockoutRow(Base):
    __tablename__ = "staff_lockouts"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40), nullable=True)  # UTC ISO 8601


class AuditRow(Base):
    """Append-only: every staff and superuser action, who, when, what, before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_date", "business_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    business_date: Mapped[str] = mapped_column(String(10))
    staff_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)


class BusinessDayRow(Base):
    __tablename__ = "business_days"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    business_date: Mapped[str] = mapped_column(String(10))
    opened_at: Mapped[str] = mapped_column(String(40))
    opened_by: Mapped[str] = mapped_column(String(64))
    opening_float_ore: Mapped[int] = mapped_column(Integer)
    start_after_seq: Mapped[int] = mapped_column(Integer)  # the journal's head when the day opened
    closed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    z_number: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)


class KioskSettingRow(Base):
    """A setting a superuser changed on the kiosk; it overrides the config file."""

    __tablename__ = "kiosk_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[object] = mapped_column(JSON, nullable=True)
    changed_at: Mapped[str] = mapped_column(String(40))
    changed_by: Mapped[str] = mapped_column(String(64))
