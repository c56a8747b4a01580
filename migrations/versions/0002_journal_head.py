"""Keep the hash chain's head apart from the journal, and a catalogue generation counter.

The head lets ``journal --verify`` notice a removed last row. Existing journals get their
head from their last row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "journal_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")).first()
    bind.execute(
        sa.text("INSERT INTO journal_head (id, last_seq, last_hash) VALUES (1, :seq, :hash)"),
        {"seq": last[0] if last else 0, "hash": last[1] if last else GENESIS},
    )
    with op.batch_alter_table("kiosk_state") as batch:
        batch.add_column(sa.Column("catalogue_generation", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("kiosk_state") as batch:
        batch.drop_column("catalogue_generation")
    op.drop_table("journal_head")
