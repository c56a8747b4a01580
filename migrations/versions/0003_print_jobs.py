"""A durable print queue: receipts survive a printer that is off, and a crash.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("ref", sa.String(64), nullable=True),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("printed_at", sa.String(40), nullable=True),
    )
    op.create_index("ix_print_jobs_status", "print_jobs", ["status", "id"])
    op.create_index("ix_print_jobs_ref", "print_jobs", ["ref"])


def downgrade() -> None:
    op.drop_table("print_jobs")
