"""Running per-child figures, kept in the same transaction as each journal row.

- ``children.pending_delta_ore``: the sum of ``balance_delta_ore`` over this kiosk's journal rows
  of the child with ``seq > balance_applied_seq`` (what the finance side has not applied yet), so
  a balance is ``balance_ore + pending_delta_ore`` without summing the journal.
- ``child_day_figures``: per child and business date, the net spent (sales minus refunds and
  voids) and the net of sales made offline, so the daily limit and the offline cap need no sum.

Both are backfilled here from the existing journal. ``child_day_figures`` is a WITHOUT ROWID table
(one B-tree, so an update writes one page), and ``ix_journal_child_date`` goes: it only served the
sums over a child's day that the figures replace, and every index is one more page per sale.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("pending_delta_ore", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "child_day_figures",
        sa.Column("child_id", sa.String(64), primary_key=True),
        sa.Column("business_date", sa.String(10), primary_key=True),
        sa.Column("spent_net_ore", sa.Integer, nullable=False),
        sa.Column("offline_sales_net_ore", sa.Integer, nullable=False),
        sqlite_with_rowid=False,
    )
    op.drop_index("ix_journal_child_date", table_name="journal")
    op.execute(
        "UPDATE children SET pending_delta_ore = (SELECT coalesce(sum(j.balance_delta_ore), 0) FROM journal j "
        "WHERE j.child_id = children.child_id AND j.seq > children.balance_applied_seq)"
    )
    op.execute(
        "INSERT INTO child_day_figures (child_id, business_date, spent_net_ore, offline_sales_net_ore) "
        "SELECT child_id, business_date, "
        "coalesce(sum(CASE WHEN kind = 'sale' THEN net_ore WHEN kind IN ('refund', 'void') THEN -net_ore END), 0), "
        "coalesce(sum(CASE WHEN kind = 'sale' AND offline THEN net_ore END), 0) "
        "FROM journal WHERE kind IN ('sale', 'refund', 'void') GROUP BY child_id, business_date"
    )


def downgrade() -> None:
    op.create_index("ix_journal_child_date", "journal", ["child_id", "business_date"])
    op.drop_table("child_day_figures")
    with op.batch_alter_table("children") as batch:
        batch.drop_column("pending_delta_ore")
