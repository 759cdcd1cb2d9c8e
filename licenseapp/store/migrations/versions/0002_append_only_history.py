"""The status history and the audit trail are append-only, enforced by the database.

A correction is a new event, never an edit: UPDATE of a status event, and UPDATE or DELETE
of an audit entry, are refused by triggers — also for changes made outside the app.

Revision ID: 0002_append_only_history
Revises: 0001_initial
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002_append_only_history"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_GUARDS = [
    ("status_events", "UPDATE", "the status history is append-only; record a correction"),
    ("audit_entries", "UPDATE", "the audit trail is append-only"),
    ("audit_entries", "DELETE", "the audit trail is append-only"),
]


def _name(table: str, action: str) -> str:
    return f"trg_{table}_no_{action.lower()}"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, action, message in _GUARDS:
            op.execute(
                f"CREATE TRIGGER {_name(table, action)} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION licenseapp_refuse_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END; $$ LANGUAGE plpgsql"
        )
        for table, action, message in _GUARDS:
            op.execute(
                f"CREATE TRIGGER {_name(table, action)} BEFORE {action} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION licenseapp_refuse_change('{message}')"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, action, _message in _GUARDS:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, action)}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, action)} ON {table}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS licenseapp_refuse_change()")
