"""The tamper-evident audit trail: every entry carries the hash of the one before it.

Writers are serialised on the ``audit_head`` row of ``licenseapp_meta`` (a row lock on
PostgreSQL, the write lock on SQLite), so the chain never forks, and the head records the
newest hash so a deleted tail is noticed too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from licenseapp.store.base import utcnow
from licenseapp.store.models import AuditEntry

HEAD_KEY = "audit_head"
GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def entry_hash(
    prev_hash: str, occurred_at: datetime, actor: str, action: str, entity: str,
    entity_id: str, summary: str, before_json: str, after_json: str,
) -> str:
    material = canonical(
        [prev_hash, occurred_at.isoformat(), actor, action, entity, entity_id, summary,
         before_json, after_json]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _lock_head(session: Session) -> str:
    updated = session.execute(
        text("UPDATE licenseapp_meta SET value = value WHERE key = :k"), {"k": HEAD_KEY}
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(
            text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
            {"k": HEAD_KEY, "v": GENESIS},
        )
        return GENESIS
    head = session.execute(
        text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": HEAD_KEY}
    ).scalar_one()
    return str(head)


def record(
    session: Session, *, actor: str, action: str, entity: str, entity_id: str | int,
    summary: str = "", before: Any = None, after: Any = None, at: datetime | None = None,
) -> AuditEntry:
    """Append one entry in the caller's unit of work."""
    prev = _lock_head(session)
    occurred = (at or utcnow()).replace(microsecond=0)
    before_json = "" if before is None else canonical(before)
    after_json = "" if after is None else canonical(after)
    digest = entry_hash(prev, occurred, actor, action, entity, str(entity_id), summary,
                        before_json, after_json)
    entry = AuditEntry(
        occurred_at=occurred, actor=actor, action=action, entity=entity,
        entity_id=str(entity_id), summary=summary, before_json=before_json,
        after_json=after_json, prev_hash=prev, hash=digest,
    )
    session.add(entry)
    session.execute(
        text("UPDATE licenseapp_meta SET value = :v WHERE key = :k"), {"k": HEAD_KEY, "v": digest}
    )
    return entry
