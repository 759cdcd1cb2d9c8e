"""Record seals: the hash of each record as LicenseApp last wrote it.

Revision ID: 0003_record_seals
Revises: 0002_append_only_history
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_record_seals"
down_revision = "0002_append_only_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_seals",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=80), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_record_seals")),
    )
    # Databases written before seals existed: their rows are sealed as they are now, once,
    # by the application at the first start after this upgrade (licenseapp_meta flag).
    op.execute(
        "INSERT INTO licenseapp_meta (key, value) SELECT 'seal_backfill', 'pending' "
        "WHERE EXISTS (SELECT 1 FROM licenseapp_meta WHERE key = 'product')"
    )


def downgrade() -> None:
    op.drop_table("record_seals")
    op.execute("DELETE FROM licenseapp_meta WHERE key = 'seal_backfill'")
