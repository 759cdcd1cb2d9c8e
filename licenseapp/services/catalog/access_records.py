"""Access records as they are read: who holds or has requested access to which controlled
item, the people and items a user names, and the book an importer reads once.

:func:`list_access` lists records; :func:`resolve_person` and :func:`resolve_item` find whom
and what a user named; :class:`AccessBook` holds people, items and records read once in an
importer's unit of work, so that many grants need no query each. Granting and revoking
(which change records) are :mod:`licenseapp.services.catalog.access`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.services.lookup import no_item, no_person
from licenseapp.services.shared_values import SharedValues
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, ControlledItem, Person


@dataclass(frozen=True)
class AccessRecord:
    id: int
    person_id: int
    person_ref: str
    person_name: str
    item_id: int
    item_ref: str
    item_name: str
    mode: str | None  # an AccessMode value, or None: the item as a whole
    state: str  # a GrantState value
    since: date | None
    suspended_at: datetime | None  # when it was suspended or revoked
    suspended_reason: str
    version: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "person_ref": self.person_ref, "person": self.person_name,
            "item_ref": self.item_ref, "item": self.item_name, "mode": self.mode,
            "state": self.state, "since": self.since.isoformat() if self.since else None,
            "suspended_at": self.suspended_at.isoformat() if self.suspended_at else None,
            "suspended_reason": self.suspended_reason,
        }


@dataclass(frozen=True)
class RecordKey:
    """A person or an item as a user names it: id, reference and name."""

    id: int
    ref: str
    name: str


@dataclass(frozen=True)
class ItemAccessFacts:
    key: RecordKey
    kind: str
    modes: tuple[str, ...]
    retired: bool


def full_name(given: str, family: str) -> str:
    return f"{given} {family}".strip()


# --- who and what a user names ----------------------------------------------------------


def _person_rows(session: Session, text: str) -> list[tuple[int, str, str, str]]:
    wanted = text.strip()
    cols = (Person.id, Person.ref, Person.given_name, Person.family_name)
    for where in (func.upper(Person.ref) == wanted.upper(),
                  func.lower(Person.email) == wanted.lower(),
                  Person.employee_number == wanted):
        rows = session.execute(select(*cols).where(where).order_by(Person.ref)).all()
        if rows:
            return [(r[0], r[1], r[2], r[3]) for r in rows]
    return []


def resolve_person(source: Session | Database, text: str) -> RecordKey:
    """The person a user named by reference (``P-0001``), e-mail or employee number, in any
    case; refused when nobody or more than one person has it."""
    if isinstance(source, Database):
        with source.reading() as session:
            return resolve_person(session, text)
    if not text.strip():
        raise NotFoundError("name the person by reference (e.g. P-0001) or e-mail")
    rows = _person_rows(source, text)
    if not rows:
        raise no_person(text)
    if len(rows) > 1:
        refs = ", ".join(r[1] for r in rows)
        raise LicenseAppError(f"{text.strip()!r} belongs to {len(rows)} people ({refs}); "
                              "give the reference instead")
    pid, ref, given, family = rows[0]
    return RecordKey(pid, ref, full_name(given, family))


def resolve_item(source: Session | Database, text: str) -> RecordKey:
    """The item a user named by reference (``ITM-001``) or name, in any case."""
    from licenseapp.services.catalog.items import find_item_by_text

    found = find_item_by_text(source, text)
    return RecordKey(found.id, found.ref, found.name)


# --- reading ------------------------------------------------------------------------------


def list_access(db: Database, *, person_id: int | None = None, item_id: int | None = None,
                states: tuple[str, ...] | list[str] | None = None) -> list[AccessRecord]:
    """Access records by person reference, item reference and mode; optionally one
    person's, one item's, or only those in ``states``."""
    query = (
        select(AccessGrant.id, AccessGrant.person_id, Person.ref, Person.given_name,
               Person.family_name, AccessGrant.item_id, ControlledItem.ref, ControlledItem.name,
               AccessGrant.mode, AccessGrant.state, AccessGrant.since, AccessGrant.suspended_at,
               AccessGrant.suspended_reason, AccessGrant.version)
        .join(Person, Person.id == AccessGrant.person_id)
        .join(ControlledItem, ControlledItem.id == AccessGrant.item_id)
        .order_by(Person.ref, ControlledItem.ref, func.coalesce(AccessGrant.mode, ""))
    )
    if person_id is not None:
        query = query.where(AccessGrant.person_id == person_id)
    if item_id is not None:
        query = query.where(AccessGrant.item_id == item_id)
    if states is not None:
        query = query.where(AccessGrant.state.in_(list(states)))
    # Plain columns, not ORM objects (an item's list is tens of thousands of records at a
    # large company), and one object per repeated value (item, mode, state, reason).
    shared = SharedValues()
    with db.reading() as session:
        return [AccessRecord(grant_id, pid, pref, full_name(given, family), iid, shared(iref),
                             shared(iname), shared(mode), shared(state), since, suspended_at,
                             shared(reason or ""), version)
                for (grant_id, pid, pref, given, family, iid, iref, iname, mode, state, since,
                     suspended_at, reason, version) in session.connection().execute(query)]


# --- the book an importer keeps ----------------------------------------------------------


@dataclass
class AccessBook:
    """People, items and access records of the database, read once in the caller's unit of
    work, so that many grants need no query each. Grants made through the book are kept in
    it: a second row for the same person, item and mode finds the first."""

    people: dict[int, RecordKey] = field(default_factory=dict)
    items: dict[int, ItemAccessFacts] = field(default_factory=dict)
    #: (person id, item id, mode or "") -> the record's id, or the record itself once
    #: read or created in this unit of work.
    records: dict[tuple[int, int, str], int | AccessGrant] = field(default_factory=dict)
    _people_by: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _items_by_ref: dict[str, int] = field(default_factory=dict)
    _items_by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, session: Session) -> AccessBook:
        book = cls()
        for pid, ref, given, family, email, number in session.execute(
                select(Person.id, Person.ref, Person.given_name, Person.family_name,
                       Person.email, Person.employee_number)):
            book.people[pid] = RecordKey(pid, ref, full_name(given, family))
            book._people_by[f"ref:{ref.upper()}"].append(pid)
            if email:
                book._people_by[f"email:{email.strip().lower()}"].append(pid)
            if number:
                book._people_by[f"number:{number.strip()}"].append(pid)
        for row in session.execute(select(ControlledItem)).scalars():
            book._add_item(row)
        for gid, pid, iid, mode in session.execute(
                select(AccessGrant.id, AccessGrant.person_id, AccessGrant.item_id,
                       AccessGrant.mode)):
            book.records[(pid, iid, mode or "")] = gid
        return book

    def _add_item(self, row: ControlledItem) -> ItemAccessFacts:
        info = ItemAccessFacts(RecordKey(row.id, row.ref, row.name), row.kind,
                         tuple(m for m in (row.access_modes or "").split(",") if m),
                         row.retired_at is not None)
        self.items[row.id] = info
        self._items_by_ref[row.ref.upper()] = row.id
        self._items_by_name[row.name.strip().casefold()].append(row.id)
        return info

    def person(self, text: str) -> RecordKey:
        """Like :func:`resolve_person`, from the book."""
        wanted = text.strip()
        for key in (f"ref:{wanted.upper()}", f"email:{wanted.lower()}", f"number:{wanted}"):
            found = self._people_by.get(key)
            if found:
                if len(found) > 1:
                    refs = ", ".join(sorted(self.people[p].ref for p in found))
                    raise LicenseAppError(f"{wanted!r} belongs to {len(found)} people "
                                          f"({refs}); give the reference instead")
                return self.people[found[0]]
        raise no_person(wanted)

    def item(self, text: str) -> RecordKey:
        """Like :func:`resolve_item`, from the book."""
        wanted = text.strip()
        if wanted.upper() in self._items_by_ref:
            return self.items[self._items_by_ref[wanted.upper()]].key
        found = self._items_by_name.get(wanted.casefold(), [])
        if len(found) > 1:
            refs = ", ".join(sorted(self.items[i].key.ref for i in found))
            raise LicenseAppError(f"{wanted!r} names {len(found)} items ({refs}); give the "
                                  "reference instead")
        if not found:
            raise no_item(wanted)
        return self.items[found[0]].key




__all__ = ["AccessBook", "AccessRecord", "RecordKey", "list_access", "resolve_item",
           "resolve_person"]
