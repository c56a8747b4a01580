"""Product pictures (contract 1.1 rule 6) and the highest seq whose decision the kiosk heard (rule 2).

``products.icon`` names a built-in picture, ``products.image_sha256`` a picture from the finance
side kept in the image cache beside the database. ``kiosk_state.heard_seq`` starts at 0 for an
existing ledger too: the kiosk never heard a 1.1 decision yet, so its first round after the
upgrade sends its journal once more and learns each seq's decision from the duplicates (safe:
the finance side answers every one as a duplicate and books nothing twice).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("icon", sa.String(40), nullable=True))
        batch.add_column(sa.Column("image_sha256", sa.String(64), nullable=True))
    with op.batch_alter_table("kiosk_state") as batch:
        batch.add_column(sa.Column("heard_seq", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("kiosk_state") as batch:
        batch.drop_column("heard_seq")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("image_sha256")
        batch.drop_column("icon")
