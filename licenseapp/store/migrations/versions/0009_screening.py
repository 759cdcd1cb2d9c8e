"""Restricted-party screening: list snapshots and their entries, screened records, hits,
and reviewers' decisions.

Five new tables, created empty (the shipped list is loaded on first use, not here, so an
upgrade stays quick and writes no rows; existing records and their seals are untouched).
``screening_decisions`` is append-only like the status history: a new decision is a new
row, never an edit — UPDATE and DELETE are refused by triggers, also for changes made
outside the app. Snapshots, hits and decisions are sealed like every record from here on
(``seals.SEALED_TABLES``); a snapshot's entries, written once in bulk and identified by the
snapshot's SHA-256, and the screened-records table (a cache of when each was screened) are
not.

Revision ID: 0009_screening
Revises: 0008_team_settings
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_screening"
down_revision = "0008_team_settings"
branch_labels = None
depends_on = None

#: The tables this revision adds to those sealed (it creates them empty: nothing to seal now).
SEALED_HERE = ("screening_snapshots", "screening_hits", "screening_decisions")

_GUARDS = [
    ("screening_decisions", "UPDATE", "screening decisions are append-only; record a new one"),
    ("screening_decisions", "DELETE", "screening decisions are append-only; record a new one"),
]


def _name(table: str, action: str) -> str:
    return f"trg_{table}_no_{action.lower()}"


def upgrade() -> None:
    op.create_table(
        "screening_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("loaded_by", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_snapshots")),
        sa.UniqueConstraint("sha256", name=op.f("uq_screening_snapshots_sha256")),
    )
    op.create_table(
        "screening_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("list_code", sa.String(length=20), nullable=False),
        sa.Column("entry_id", sa.String(length=80), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["screening_snapshots.id"],
                                name=op.f("fk_screening_entries_snapshot_id_screening_snapshots"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_entries")),
    )
    op.create_index("ix_screening_entries_snapshot", "screening_entries",
                    ["snapshot_id", "position"], unique=False)
    op.create_table(
        "screened_subjects",
        sa.Column("subject", sa.String(length=12), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["screening_snapshots.id"],
                                name=op.f("fk_screened_subjects_snapshot_id_screening_snapshots")),
        sa.PrimaryKeyConstraint("subject", "subject_id", name=op.f("pk_screened_subjects")),
    )
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=12), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("list_code", sa.String(length=20), nullable=False),
        sa.Column("entry_id", sa.String(length=80), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("subject_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("entry_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("first_found_at", sa.DateTime(), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["screening_snapshots.id"],
                                name=op.f("fk_screening_hits_snapshot_id_screening_snapshots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hits")),
        sa.UniqueConstraint("subject", "subject_id", "list_code", "entry_id",
                            name=op.f("uq_screening_hits_subject_subject_id_list_code_entry_id")),
    )
    op.create_index("ix_screening_hits_subject", "screening_hits", ["subject", "subject_id"],
                    unique=False)
    op.create_table(
        "screening_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("subject_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("entry_fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["hit_id"], ["screening_hits.id"],
                                name=op.f("fk_screening_decisions_hit_id_screening_hits")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_decisions")),
    )
    op.create_index(op.f("ix_screening_decisions_hit_id"), "screening_decisions", ["hit_id"],
                    unique=False)
    dialect = op.get_bind().dialect.name
    for table, action, message in _GUARDS:
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER {_name(table, action)} BEFORE {action} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
        elif dialect == "postgresql":  # licenseapp_refuse_change() comes from 0002
            op.execute(f"CREATE TRIGGER {_name(table, action)} BEFORE {action} ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION licenseapp_refuse_change('{message}')")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, action, _message in _GUARDS:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, action)}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, action)} ON {table}")
    for table in ("screening_decisions", "screening_hits", "screened_subjects",
                  "screening_entries", "screening_snapshots"):
        op.drop_table(table)
