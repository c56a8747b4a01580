"""Running figures on the journal rows themselves, instead of two tables updated at every sale.

Each journal row gets four local columns (never sent, not part of the hash): its child's running
sum of ``balance_delta_ore`` up to the row (``child_cum_delta_ore``), the newest business date among
the child's rows up to it (``figures_date``), and the child's spending on that date up to the row
(``day_spent_net_ore``: sales minus refunds and voids; ``day_offline_sales_net_ore``: sales made
offline). They are written once with the row, so a sale
writes the journal's pages and the head and nothing else: ``children.pending_delta_ore`` and
``child_day_figures`` (revision 0007) go, and with them two of a sale's six written pages.

The columns are backfilled here with window functions over the existing journal: the running max
date per child, and the day's running sums read at the child's last row of that date (the same
definition ``journal --verify`` checks).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_SPENT = "CASE kind WHEN 'sale' THEN net_ore WHEN 'refund' THEN -net_ore WHEN 'void' THEN -net_ore ELSE 0 END"
_OFFLINE = "CASE WHEN kind = 'sale' AND offline THEN net_ore ELSE 0 END"


def upgrade() -> None:
    # ADD COLUMN, not a batch copy: the journal may hold a million rows.
    op.add_column("journal", sa.Column("child_cum_delta_ore", sa.Integer, nullable=False, server_default="0"))
    op.add_column("journal", sa.Column("figures_date", sa.String(10), nullable=False, server_default=""))
    op.add_column("journal", sa.Column("day_spent_net_ore", sa.Integer, nullable=False, server_default="0"))
    op.add_column("journal", sa.Column("day_offline_sales_net_ore", sa.Integer, nullable=False,
                                       server_default="0"))  # fmt: skip
    # r: per row, the child's running sum, its newest date so far, and ``anchor``: the child's last row
    # (up to this one) dated that newest date. d: per row, the running sums of its child and date.
    # A row's day figures are those of its anchor.
    op.execute(
        "UPDATE journal SET child_cum_delta_ore = r.cum, figures_date = r.maxd, "
        "day_spent_net_ore = d.spent, day_offline_sales_net_ore = d.offline_sales "
        "FROM (SELECT seq, cum, maxd, max(CASE WHEN business_date = maxd THEN seq END) "
        "OVER (PARTITION BY child_id ORDER BY seq) AS anchor FROM ("
        "SELECT seq, child_id, business_date, sum(balance_delta_ore) OVER w AS cum, max(business_date) OVER w AS maxd "
        "FROM journal WINDOW w AS (PARTITION BY child_id ORDER BY seq))) AS r "
        f"JOIN (SELECT seq, sum({_SPENT}) OVER p AS spent, sum({_OFFLINE}) OVER p AS offline_sales FROM journal "
        "WINDOW p AS (PARTITION BY child_id, business_date ORDER BY seq)) AS d ON d.seq = r.anchor "
        "WHERE journal.seq = r.seq"
    )
    op.drop_table("child_day_figures")
    with op.batch_alter_table("children") as batch:
        batch.drop_column("pending_delta_ore")


def downgrade() -> None:
    # Before 0009 every journal write moved journal_head: it must be the journal's last row again.
    op.execute(
        "UPDATE journal_head SET (last_seq, last_hash) = (SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1) "
        "WHERE id = 1 AND EXISTS (SELECT 1 FROM journal)"
    )
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
    op.execute(
        "UPDATE children SET pending_delta_ore = (SELECT coalesce(sum(j.balance_delta_ore), 0) FROM journal j "
        "WHERE j.child_id = children.child_id AND j.seq > children.balance_applied_seq)"
    )
    op.execute(
        "INSERT INTO child_day_figures (child_id, business_date, spent_net_ore, offline_sales_net_ore) "
        f"SELECT child_id, business_date, sum({_SPENT}), sum({_OFFLINE}) "
        "FROM journal WHERE kind IN ('sale', 'refund', 'void') GROUP BY child_id, business_date"
    )
    with op.batch_alter_table("journal") as batch:
        for name in ("child_cum_delta_ore", "figures_date", "day_spent_net_ore", "day_offline_sales_net_ore"):
            batch.drop_column(name)
