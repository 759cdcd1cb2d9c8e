"""Controlled items and access records as first-class records.

Items gain the access modes an AI model offers (``parameters``, ``use``, ``fine_tuning``,
comma-separated) and a retirement (when, by whom, why: an item is never deleted). An access
record gains its mode and the day it began; one person holds one record per item and mode
(the unique index treats "no mode" as a mode of its own). People gain an employee number,
the stable key a roster import matches on.

Every new column is nullable and flagged ``sealed_if_set`` in the models, so rows sealed
before this revision keep their seals and ``verify`` stays clean after the upgrade.

Revision ID: 0005_items_access_modes
Revises: 0004_form_values
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_items_access_modes"
down_revision = "0004_form_values"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("controlled_items") as batch:
        batch.add_column(sa.Column("access_modes", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("retired_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("retired_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("employee_number", sa.String(length=40), nullable=True))
        batch.create_index("ix_people_employee_number", ["employee_number"], unique=False)
    with op.batch_alter_table("access_grants") as batch:
        batch.add_column(sa.Column("mode", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("since", sa.Date(), nullable=True))
        batch.drop_constraint("uq_access_grants_person_id_item_id", type_="unique")
    op.create_index("uq_access_grants_person_item_mode", "access_grants",
                    ["person_id", "item_id", sa.text("coalesce(mode, '')")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_access_grants_person_item_mode", table_name="access_grants")
    with op.batch_alter_table("access_grants") as batch:
        batch.create_unique_constraint("uq_access_grants_person_id_item_id",
                                       ["person_id", "item_id"])
        batch.drop_column("since")
        batch.drop_column("mode")
    with op.batch_alter_table("people") as batch:
        batch.drop_index("ix_people_employee_number")
        batch.drop_column("employee_number")
    with op.batch_alter_table("controlled_items") as batch:
        batch.drop_column("retired_reason")
        batch.drop_column("retired_by")
        batch.drop_column("retired_at")
        batch.drop_column("access_modes")
