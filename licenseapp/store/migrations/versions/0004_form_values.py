"""Form values: the form blocks the data model has no column for, by the spec's field id.

One JSON object per application (BIS-748P blocks 7, 11, 12, 13; SIEL 2...) and per
application item (block 22(b) CTP), e.g. ``{"b11": "D123456"}``. NULL when there are none,
as in every row written before this revision: such rows keep their record seals (a NULL
form_values column does not count in a row's hash), so ``verify`` stays clean after the
upgrade without resealing anything.

Revision ID: 0004_form_values
Revises: 0003_record_seals
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_form_values"
down_revision = "0003_record_seals"
branch_labels = None
depends_on = None

_TABLES = ("applications", "application_items")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("form_values", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        op.drop_column(table, "form_values")  # SQLite 3.35+ drops a plain column in place
