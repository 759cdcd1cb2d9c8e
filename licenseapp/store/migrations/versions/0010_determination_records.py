"""Rule-set versions and stored determinations (#14, point 6).

Two new tables, created empty: ``rule_set_versions`` (each rule set's content with its
SHA-256; a changed file is the next version of the same id) and ``determinations`` (an
answer as given: inputs, answer, reason, citations, every rule set's answer, the rule-set
versions and hashes, the reference-data date, who and when). Both are append-only like the
status history: UPDATE and DELETE are refused by triggers, also for changes made outside the
app, so a past answer cannot change when the rules do. Existing records are untouched.

Revision ID: 0010_determination_records
Revises: 0009_screening
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_determination_records"
down_revision = "0009_screening"
branch_labels = None
depends_on = None

_MESSAGE = {
    "rule_set_versions": "rule-set versions are kept as recorded; a change is a new version",
    "determinations": "determinations are kept as answered; record a new one",
}
_GUARDS = [(table, action, message) for table, message in _MESSAGE.items()
           for action in ("UPDATE", "DELETE")]


def _name(table: str, action: str) -> str:
    return f"trg_{table}_no_{action.lower()}"


def upgrade() -> None:
    op.create_table(
        "rule_set_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ruleset_id", sa.String(length=80), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("declared_version", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_set_versions")),
        sa.UniqueConstraint("ruleset_id", "version_no",
                            name=op.f("uq_rule_set_versions_ruleset_id_version_no")),
        sa.UniqueConstraint("ruleset_id", "sha256",
                            name=op.f("uq_rule_set_versions_ruleset_id_sha256")),
    )
    op.create_index(op.f("ix_rule_set_versions_ruleset_id"), "rule_set_versions",
                    ["ruleset_id"], unique=False)
    op.create_table(
        "determinations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("application_ref", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("access_mode", sa.String(length=20), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("license_required", sa.Boolean(), nullable=True),
        sa.Column("answer", sa.String(length=40), nullable=False),
        sa.Column("deciding_ruleset", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("citations", sa.Text(), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("rulesets", sa.Text(), nullable=False),
        sa.Column("reference_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_determinations")),
    )
    op.create_index(op.f("ix_determinations_application_id"), "determinations",
                    ["application_id"], unique=False)
    op.create_index(op.f("ix_determinations_person_id"), "determinations", ["person_id"],
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
    op.drop_table("determinations")
    op.drop_table("rule_set_versions")
