"""Team settings: values every user of the database shares (the license renewal window).

A table of its own, ``team_settings``: one row per setting changed from its declared
default (:mod:`licenseapp.domain.settings`), with who changed it last and when; a setting
without a row has its default, so this revision writes no rows and existing records and
their seals are untouched. Rows are sealed like every record from here on
(``seals.SEALED_TABLES``), and each change is an audit entry.

Before this revision the renewal window lived in each person's desktop settings only, so
the command line always used 60 days; a value set there is not carried over (it was one
person's, and this one is everyone's).

Revision ID: 0008_team_settings
Revises: 0007_attachment_safety
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_team_settings"
down_revision = "0007_attachment_safety"
branch_labels = None
depends_on = None

#: The tables this revision adds to those sealed (it creates it empty: nothing to seal now).
SEALED_HERE = ("team_settings",)


def upgrade() -> None:
    op.create_table(
        "team_settings",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_team_settings")),
    )


def downgrade() -> None:
    op.execute("DELETE FROM record_seals WHERE table_name = 'team_settings'")
    op.drop_table("team_settings")
