"""Database ids in audit entries, said as users know the records ("Person: — → 13" becomes
"Foreign national: — → Wei Zhang (P-0013)").

Audit entries keep ids as they were written (the chain's hashes cover them); the history
view looks the records up when it shows them. A record deleted since is said to be one
("person #13, no longer recorded"), never left as a bare number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.store.models import (
    AccessGrant,
    Application,
    Attachment,
    ControlledItem,
    License,
    Organization,
    Person,
)

#: The fields of audit entries that hold a record's id, and which kind of record.
ID_FIELDS: dict[str, str] = {
    "person_id": "person", "employer_id": "organization", "organization_id": "organization",
    "item_id": "item", "items": "item", "replaces_id": "attachment",
    "application_id": "application", "license_id": "license",
}
#: Records kept under their numeric id as the entry's own record (``entity_id``).
_NUMBERED_RECORDS: dict[str, str] = {
    "organization": "organization", "organizations": "organization",
    "attachment": "attachment", "attachments": "attachment",
    "access_grant": "access_grant", "access_grants": "access_grant",
}
_WORDS = {"person": "person", "organization": "organization", "item": "item",
          "attachment": "document", "application": "application", "license": "license",
          "access_grant": "access"}


def _is_id(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.isdigit())


class References:
    """What each referenced record is called: ``name(field, value)`` for a field of an entry,
    ``record(entity, entity_id)`` for the entry's own record."""

    def __init__(self, names: Mapping[tuple[str, int], str]) -> None:
        self._names = dict(names)

    def _called(self, kind: str, record_id: int) -> str:
        return self._names.get((kind, record_id)) or (
            f"{_WORDS.get(kind, kind)} #{record_id}, no longer recorded")

    def name(self, field: str, value: Any) -> str | None:
        """The record ``value`` names when ``field`` holds an id, else None."""
        kind = ID_FIELDS.get(field)
        if kind is None or not _is_id(value):
            return None
        return self._called(kind, int(value))

    def record(self, entity: str, entity_id: str) -> str | None:
        """"access Wei Zhang (P-0013) to Mythos 5 (ITM-001)" for a record kept by its id."""
        kind = _NUMBERED_RECORDS.get(entity)
        if kind is None or not entity_id.isdigit():
            return None
        return f"{_WORDS[kind]} {self._called(kind, int(entity_id))}"


def _wanted(value: Any, field: str, into: dict[str, set[int]]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _wanted(inner, str(key), into)
    elif isinstance(value, list | tuple):
        for inner in value:
            _wanted(inner, field, into)
    elif field in ID_FIELDS and _is_id(value):
        into.setdefault(ID_FIELDS[field], set()).add(int(value))


def _loads(raw: str) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def references(session: Session, entries: Iterable[Any]) -> References:
    """The names of every record the audit ``entries`` (``AuditEntry`` rows) refer to by id,
    looked up in one query per kind of record."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        _wanted(_loads(entry.before_json), "", wanted)
        _wanted(_loads(entry.after_json), "", wanted)
        kind = _NUMBERED_RECORDS.get(entry.entity)
        if kind and str(entry.entity_id).isdigit():
            wanted.setdefault(kind, set()).add(int(entry.entity_id))
    names: dict[tuple[str, int], str] = {}
    people = _people(session, wanted.get("person", set()))
    items = _items(session, wanted.get("item", set()))
    for kind, found in (("person", people), ("item", items),
                        ("organization", _rows(session, Organization, Organization.legal_name,
                                               wanted.get("organization"))),
                        ("attachment", _rows(session, Attachment, Attachment.file_name,
                                             wanted.get("attachment"))),
                        ("application", _rows(session, Application, Application.ref,
                                              wanted.get("application"))),
                        ("license", _rows(session, License, License.number,
                                          wanted.get("license")))):
        names.update({(kind, i): text for i, text in found.items()})
    grants = wanted.get("access_grant")
    if grants:
        rows = session.execute(select(AccessGrant.id, AccessGrant.person_id, AccessGrant.item_id)
                               .where(AccessGrant.id.in_(grants))).all()
        more_people = _people(session, {r.person_id for r in rows} - set(people))
        more_items = _items(session, {r.item_id for r in rows} - set(items))
        people, items = {**people, **more_people}, {**items, **more_items}
        for r in rows:
            names[("access_grant", r.id)] = (
                f"of {people.get(r.person_id, f'person #{r.person_id}')} to "
                f"{items.get(r.item_id, f'item #{r.item_id}')}")
    return References(names)


def _rows(session: Session, model: Any, column: Any, ids: set[int] | None) -> dict[int, str]:
    if not ids:
        return {}
    return {int(i): str(text) for i, text in
            session.execute(select(model.id, column).where(model.id.in_(ids)))}


def _people(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Person.id, Person.given_name, Person.family_name, Person.ref)
                           .where(Person.id.in_(ids)))
    return {r.id: f"{r.given_name} {r.family_name} ({r.ref})".strip() for r in rows}


def _items(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(ControlledItem.id, ControlledItem.name, ControlledItem.ref)
                           .where(ControlledItem.id.in_(ids)))
    return {r.id: f"{r.name} ({r.ref})" for r in rows}
