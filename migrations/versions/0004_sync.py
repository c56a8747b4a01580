"""Sync state: what the finance side has decided, rejected items, card changes and day closings to send.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kiosk_state") as batch:
        batch.add_column(sa.Column("applied_seq", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("sync_blocked", sa.String(500), nullable=True))
        batch.add_column(sa.Column("last_sync_error", sa.String(500), nullable=True))
        batch.add_column(sa.Column("last_sync_attempt_at", sa.String(40), nullable=True))
    op.create_table(
        "sync_rejections",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("txn_id", sa.String(36), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=False),
        sa.Column("resolved_at", sa.String(40), nullable=True),
    )
    op.create_table(
        "card_changes",
        sa.Column("change_id", sa.String(36), primary_key=True),
        sa.Column("card_uid", sa.String(32), nullable=False),
        sa.Column("child_id", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("sent_status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("reason", sa.String(500), nullable=True),
    )
    op.create_table(
        "day_closings",
        sa.Column("closing_id", sa.String(36), primary_key=True),
        sa.Column("z_number", sa.Integer, nullable=False, unique=True),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("sent_status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("reason", sa.String(500), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("day_closings")
    op.drop_table("card_changes")
    op.drop_table("sync_rejections")
    with op.batch_alter_table("kiosk_state") as batch:
        for column in ("last_sync_attempt_at", "last_sync_error", "sync_blocked", "applied_seq"):
            batch.drop_column(column)
