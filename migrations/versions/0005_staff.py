"""Staff mode: PIN lockouts, the audit log and business days.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_lockouts",
        sa.Column("staff_id", sa.String(64), primary_key=True),
        sa.Column("failed_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(40), nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_log_date", "audit_log", ["business_date"])
    op.create_table(
        "business_days",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("opening_float_ore", sa.Integer, nullable=False),
        sa.Column("start_after_seq", sa.Integer, nullable=False),
        sa.Column("closed_at", sa.String(40), nullable=True),
        sa.Column("z_number", sa.Integer, nullable=True, unique=True),
    )


def downgrade() -> None:
    op.drop_table("business_days")
    op.drop_table("audit_log")
    op.drop_table("staff_lockouts")
