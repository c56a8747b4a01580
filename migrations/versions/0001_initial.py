"""The cache tables (children, cards, products, staff), the journal and the kiosk state.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "children",
        sa.Column("child_id", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("friplads_pct", sa.Integer, nullable=False),
        sa.Column("payment_mode", sa.String(16), nullable=False),
        sa.Column("balance_ore", sa.Integer, nullable=False),
        sa.Column("balance_applied_seq", sa.Integer, nullable=False),
        sa.Column("daily_limit_ore", sa.Integer, nullable=True),
        sa.Column("credit_limit_ore", sa.Integer, nullable=False),
        sa.Column("restrictions", sa.JSON, nullable=False),
        sa.Column("blocked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("card_uid", sa.String(32), primary_key=True),
        sa.Column("child_id", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_cards_child_id", "cards", ["child_id"])
    op.create_table(
        "products",
        sa.Column("product_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("price_ore", sa.Integer, nullable=False),
        sa.Column("friplads_eligible", sa.Boolean, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("barcode", sa.String(48), nullable=True),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_products_barcode", "products", ["barcode"])
    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("card_uid", sa.String(32), nullable=True),
        sa.Column("pin_hash", sa.String(300), nullable=False),
    )
    op.create_index("ix_staff_card_uid", "staff", ["card_uid"])
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("txn_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("child_id", sa.String(64), nullable=False),
        sa.Column("card_uid", sa.String(32), nullable=True),
        sa.Column("staff_id", sa.String(64), nullable=True),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.Column("gross_ore", sa.Integer, nullable=False),
        sa.Column("subsidy_ore", sa.Integer, nullable=False),
        sa.Column("net_ore", sa.Integer, nullable=False),
        sa.Column("balance_delta_ore", sa.Integer, nullable=False),
        sa.Column("friplads_pct", sa.Integer, nullable=False),
        sa.Column("refers_to", sa.String(36), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("offline", sa.Boolean, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_journal_child_seq", "journal", ["child_id", "seq"])
    op.create_index("ix_journal_child_date", "journal", ["child_id", "business_date"])
    op.create_table(
        "kiosk_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("club_id", sa.String(64), nullable=True),
        sa.Column("kiosk_id", sa.String(64), nullable=True),
        sa.Column("snapshot_cursor", sa.String(512), nullable=True),
        sa.Column("last_sync_at", sa.String(40), nullable=True),
    )
    op.execute("INSERT INTO kiosk_state (id) VALUES (1)")


def downgrade() -> None:
    for table in ("kiosk_state", "journal", "staff", "products", "cards", "children"):
        op.drop_table(table)
