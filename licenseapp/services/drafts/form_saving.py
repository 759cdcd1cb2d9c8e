"""Saving an edited form over its row: the version check and the audit entry, once.

Every editable record is saved the same way: the form carries the version it was read
at; if the stored row has moved on, the save is refused with an
:class:`~licenseapp.domain.edit_conflict.EditConflict` that holds base, mine and theirs.
The check is a compare-and-set: the row's UPDATE is conditional on the version, so two
saves racing each other cannot both succeed on either database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.domain.edit_conflict import BOOKKEEPING, EditConflict
from licenseapp.store import audit
from licenseapp.store.models import AuditEntry

F = TypeVar("F")


def jsonable(value: Any) -> Any:
    """A form value as JSON for the audit trail."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def changes(before: Any | None, after: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ, as (before, after) JSON dicts; a new record: ({}, all)."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for f in dataclasses.fields(after):
        if f.name in BOOKKEEPING:
            continue
        value = getattr(after, f.name)
        if before is None:
            new[f.name] = jsonable(value)
        elif getattr(before, f.name) != value:
            old[f.name] = jsonable(getattr(before, f.name))
            new[f.name] = jsonable(value)
    return old, new


def last_change(session: Session, entity: str, entity_id: str) -> tuple[str, datetime | None]:
    """Who last changed the record, and when, from the audit trail."""
    row = session.execute(
        select(AuditEntry.actor, AuditEntry.occurred_at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else ("", None)


def conflict(session: Session, *, what: str, entity: str, entity_id: str, base: F, mine: F,
             theirs: F, labels: Mapping[str, str]) -> EditConflict[F]:
    who, when = last_change(session, entity, entity_id)
    return EditConflict(what, base, mine, theirs, labels=labels, changed_by=who,
                        changed_at=when)


class ChangedMeanwhile(Exception):
    """The row changed between reading its version and writing it (a concurrent save);
    the caller reads theirs in a fresh session and raises the conflict."""


def flush_versioned(session: Session, row: Any) -> None:
    """Flush the row's UPDATE, which SQLAlchemy makes conditional on its version."""
    row.updated_at = datetime.now().astimezone()  # always bump: children may be all that changed
    try:
        session.flush()
    except StaleDataError:
        raise ChangedMeanwhile() from None


def save_update(session: Session, row: Any, *, form: F, stored: F, base: F | None,
                what: str, entity: str, entity_id: str, labels: Mapping[str, str],
                apply: Callable[[], None], actor: str, summary: str) -> None:
    """Write ``form`` over ``row`` (read as ``stored``) in one compare-and-set: refused with
    the conflict if the row moved on since the form was read; the changed fields audited."""
    if row.version != getattr(form, "version"):  # noqa: B009 - forms are plain dataclasses
        raise conflict(session, what=what, entity=entity, entity_id=entity_id,
                       base=base or stored, mine=form, theirs=stored, labels=labels)
    apply()
    flush_versioned(session, row)
    before, after = changes(stored, form)
    if after:
        audit.record(session, actor=actor, action="update", entity=entity,
                     entity_id=entity_id, before=before, after=after,
                     summary=f"{summary}: " + ", ".join(labels.get(k, k) for k in after))


__all__ = ["ChangedMeanwhile", "changes", "conflict", "flush_versioned", "jsonable", "last_change",
           "save_update"]
