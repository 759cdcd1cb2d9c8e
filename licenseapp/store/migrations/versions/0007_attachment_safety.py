"""Attachment safety: why a file is unsafe, and who accepted it after review and when.

A table of its own, ``attachment_safety`` (one row per unsafe attachment: the findings as a
JSON list of sentences — active content in a PDF, a polyglot, a deceptive file name — and
the acceptance: who, when, their note). A table rather than new columns on ``attachments``
so rows and seals of the existing tables are untouched by this revision.

Revision ID: 0007_attachment_safety
Revises: 0006_keyed_seals
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_attachment_safety"
down_revision = "0006_keyed_seals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_safety",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("accepted_by", sa.String(length=100), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachments.id"], ondelete="CASCADE",
                                name=op.f("fk_attachment_safety_attachment_id_attachments")),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachment_safety")),
    )


def downgrade() -> None:
    op.drop_table("attachment_safety")
