"""The directive clock (#14, point 3): orders as received and suspensions under them.

Two new tables, created empty: ``directive_orders`` (the order: rule set, title, citation,
when it was received and in which zone, the deadline in minutes, the accesses to suspend as
last counted, who recorded it) and ``directive_suspensions`` (each access suspended under an
order: when, by whom, the person and item as named then). Existing records are untouched.

Revision ID: 0011_directive_orders
Revises: 0010_determination_records
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_directive_orders"
down_revision = "0010_determination_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directive_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ruleset_id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("citation", sa.String(length=300), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_zone", sa.String(length=64), nullable=False),
        sa.Column("deadline_minutes", sa.Integer(), nullable=False),
        sa.Column("to_suspend", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive_orders")),
    )
    op.create_index(op.f("ix_directive_orders_ruleset_id"), "directive_orders", ["ruleset_id"],
                    unique=False)
    op.create_table(
        "directive_suspensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("impact_group", sa.String(length=20), nullable=False),
        sa.Column("person_ref", sa.String(length=20), nullable=False),
        sa.Column("person_name", sa.String(length=400), nullable=False),
        sa.Column("item_ref", sa.String(length=40), nullable=False),
        sa.Column("item_name", sa.String(length=300), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=True),
        sa.Column("suspended_at", sa.DateTime(), nullable=False),
        sa.Column("suspended_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["directive_orders.id"],
                                name=op.f("fk_directive_suspensions_order_id_directive_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive_suspensions")),
        sa.UniqueConstraint("order_id", "grant_id",
                            name=op.f("uq_directive_suspensions_order_id_grant_id")),
    )
    op.create_index(op.f("ix_directive_suspensions_order_id"), "directive_suspensions",
                    ["order_id"], unique=False)


def downgrade() -> None:
    op.drop_table("directive_suspensions")
    op.drop_table("directive_orders")
