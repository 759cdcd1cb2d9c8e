"""The tamper-evident audit trail: every entry carries the hash of the one before it.

Writers are serialised on the ``audit_head`` row of ``licenseapp_meta`` (a row lock on
PostgreSQL, the write lock on SQLite), so the chain never forks, and the head records the
newest hash so a deleted tail is noticed too.

Entry hashes are HMAC-SHA256 with the database's seal key (entries written before keys
existed keep their plain SHA-256, up to the signed ``chain_keyed`` mark), and each unit of
work that wrote entries leaves the newest one in this computer's witness file
(:mod:`licenseapp.store.keys`): a chain recomputed or cut inside the database is noticed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from licenseapp.store import keys
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
    key: bytes | None = None,
) -> str:
    """Keyed with ``key``; without one, the plain SHA-256 entries had before keys existed."""
    material = canonical(
        [prev_hash, occurred_at.isoformat(), actor, action, entity, entity_id, summary,
         before_json, after_json]
    )
    return keys.mac(key, material.encode("utf-8"))


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
    found = keys.context(session)
    digest = entry_hash(prev, occurred, actor, action, entity, str(entity_id), summary,
                        before_json, after_json, found.key)
    entry = AuditEntry(
        occurred_at=occurred, actor=actor, action=action, entity=entity,
        entity_id=str(entity_id), summary=summary, before_json=before_json,
        after_json=after_json, prev_hash=prev, hash=digest,
    )
    session.add(entry)
    session.execute(
        text("UPDATE licenseapp_meta SET value = :v WHERE key = :k"), {"k": HEAD_KEY, "v": digest}
    )
    if found.database_id:
        session.info[_NEWEST] = (found.database_id, entry)
    return entry


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry for :func:`record_many`, as the keywords of :func:`record`."""

    entity_id: str | int
    summary: str = ""
    before: Any = None
    after: Any = None


def record_many(session: Session, entries: Sequence[Entry], *, actor: str, action: str,
                entity: str, at: datetime | None = None) -> list[AuditEntry]:
    """Append many entries of one action in the caller's unit of work, chained in order as
    :func:`record` would chain them one by one, with the head locked and moved once."""
    if not entries:
        return []
    prev = _lock_head(session)
    occurred = (at or utcnow()).replace(microsecond=0)
    found = keys.context(session)
    out: list[AuditEntry] = []
    for e in entries:
        before_json = "" if e.before is None else canonical(e.before)
        after_json = "" if e.after is None else canonical(e.after)
        digest = entry_hash(prev, occurred, actor, action, entity, str(e.entity_id), e.summary,
                            before_json, after_json, found.key)
        out.append(AuditEntry(
            occurred_at=occurred, actor=actor, action=action, entity=entity,
            entity_id=str(e.entity_id), summary=e.summary, before_json=before_json,
            after_json=after_json, prev_hash=prev, hash=digest))
        prev = digest
    session.add_all(out)
    session.execute(
        text("UPDATE licenseapp_meta SET value = :v WHERE key = :k"), {"k": HEAD_KEY, "v": prev}
    )
    if found.database_id:
        session.info[_NEWEST] = (found.database_id, out[-1])
    return out


_NEWEST = "licenseapp_newest_audit_entry"


def _after_commit(session: Session) -> None:
    newest = session.info.pop(_NEWEST, None)
    if newest is not None:
        database_id, entry = newest
        if entry.id is not None:
            keys.write_witness(database_id, int(entry.id), str(entry.hash))


def _after_rollback(session: Session) -> None:
    session.info.pop(_NEWEST, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Leave the newest entry each unit of work wrote in the witness file."""
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_rollback", _after_rollback)
