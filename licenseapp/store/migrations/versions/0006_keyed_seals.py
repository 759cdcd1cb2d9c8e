"""Keyed seals and audit chain: HMAC-SHA256 with a key kept outside the database.

The database gets a random id and its seal key file is created (see
``licenseapp.store.keys``). Every unkeyed seal that still matches its row is re-keyed (one
that no longer matches stays, so ``verify`` still names the row). A database upgraded from
before seals existed (0003's ``seal_backfill`` flag) is sealed here, once — the application
never re-seals because of anything stored in the database. Audit entries written so far keep
their unkeyed hashes; the signed ``chain_keyed`` mark says up to which id, and every later
entry must be keyed.

Revision ID: 0006_keyed_seals
Revises: 0005_items_access_modes
Create Date: 2026-12-06
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy import text
from sqlalchemy.orm import Session

revision = "0006_keyed_seals"
down_revision = "0005_items_access_modes"
branch_labels = None
depends_on = None

log = logging.getLogger("licenseapp.store.migrate")


#: The tables sealed at this revision (later revisions add theirs; they do not exist yet).
SEALED_HERE = (
    "organizations", "people", "citizenships", "person_documents", "resume_entries",
    "controlled_items", "access_grants", "rule_sets", "applications", "application_items",
    "application_parties", "status_events", "licenses", "license_conditions", "attachments",
    "deadlines",
)


def upgrade() -> None:
    from licenseapp.store import keys, seals

    conn = op.get_bind()
    found = keys.ensure_key(conn)
    assert found.key is not None and found.database_id is not None
    session = Session(bind=conn)
    try:
        pending = session.execute(
            text("SELECT value FROM licenseapp_meta WHERE key = 'seal_backfill'")).scalar()
        if pending == "pending":
            sealed = seals.seal_tables(session, SEALED_HERE)
            session.execute(text("DELETE FROM licenseapp_meta WHERE key = 'seal_backfill'"))
            log.info("sealed the %d records of a database upgraded from before seals", sealed)
        else:
            log.info("re-keyed %d record seals", seals.rekey_legacy_seals(session, SEALED_HERE))
        last = session.execute(text("SELECT max(id) FROM audit_entries")).scalar() or 0
        session.execute(text("DELETE FROM licenseapp_meta WHERE key = :k"),
                        {"k": keys.CHAIN_KEYED_KEY})
        session.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                        {"k": keys.CHAIN_KEYED_KEY,
                         "v": keys.chain_keyed_value(found.key, found.database_id, int(last))})
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    # Keyed seals stay keyed (an older LicenseApp reports them as changed); the key file stays.
    op.execute("DELETE FROM licenseapp_meta WHERE key = 'chain_keyed'")

