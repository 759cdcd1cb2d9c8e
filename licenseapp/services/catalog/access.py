"""Access records: who holds or has requested access to which controlled item, and how.

One record per person, item and access mode (an AI model's ``parameters``, ``use`` or
``fine_tuning``; ``None`` for an item taken as a whole), kept by a unique index on both
databases. Granting again re-activates a suspended or revoked record instead of adding one;
revoking keeps the record with when, by whom and why. Every change is audited.

:func:`grant_access` and :func:`revoke_access` are user actions, one unit of work each.
An importer works inside its own unit of work with :func:`grant_in_session` and an
:class:`AccessBook` (people, items and records read once), so thousands of grants are one
transaction without a query per row; :attr:`GrantOutcome.changed` lets it count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from licenseapp.domain.enums import AccessMode, GrantState, ItemKind
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.domain.item_form import kind_label, mode_of
from licenseapp.domain.text_limits import column_problem
from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.lookup import no_item, no_person
from licenseapp.services.shared_values import SharedValues
from licenseapp.store import audit
from licenseapp.store.database import Database, actor_of, clock_of
from licenseapp.store.models import AccessGrant, ControlledItem, Person

ENTITY = "access_grant"

GRANT_LABELS: dict[str, str] = {
    "person": "Person", "item": "Item", "mode": "Access mode", "state": "State",
    "since": "Since", "reason": "Reason", "access": "Access",
}
#: The states a grant may set: access requested, or on.
GRANTABLE = (GrantState.REQUESTED.value, GrantState.ACTIVE.value)


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
class _ItemInfo:
    key: RecordKey
    kind: str
    modes: tuple[str, ...]
    retired: bool


class GrantOutcome:
    """What a grant or a revocation did. ``changed``: a record was created or its state (or
    its since-day) changed; ``created``: it is new; ``previous``: its state before (None
    when new). ``record`` is the record as now stored (a new record is written to the
    database the first time it is asked for, so an importer that only counts sends its
    inserts in batches)."""

    __slots__ = ("_grant", "_item", "_person", "_record", "changed", "created", "previous")

    def __init__(self, grant: AccessGrant, person: RecordKey, item: RecordKey, *,
                 changed: bool, created: bool, previous: str | None) -> None:
        self._grant, self._person, self._item = grant, person, item
        self._record: AccessRecord | None = None
        self.changed, self.created, self.previous = changed, created, previous

    @property
    def record(self) -> AccessRecord:
        if self._record is None:
            if self._grant.id is None:
                session = object_session(self._grant)
                assert session is not None, "ask for the record inside the unit of work"
                session.flush()
            self._record = _record(self._grant, self._person, self._item)
        return self._record

    def __repr__(self) -> str:
        return (f"GrantOutcome(changed={self.changed}, created={self.created}, "
                f"previous={self.previous!r}, state={self._grant.state!r})")


def _record(g: AccessGrant, person: RecordKey, item: RecordKey) -> AccessRecord:
    return AccessRecord(g.id, person.id, person.ref, person.name, item.id, item.ref, item.name,
                        g.mode, g.state, g.since, g.suspended_at, g.suspended_reason or "",
                        g.version)


def _name(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def _problem(field_name: str, message: str) -> FormInvalid:
    return FormInvalid([FieldProblem(field_name, message)], GRANT_LABELS)


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
    return RecordKey(pid, ref, _name(given, family))


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
        return [AccessRecord(grant_id, pid, pref, _name(given, family), iid, shared(iref),
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
    items: dict[int, _ItemInfo] = field(default_factory=dict)
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
            book.people[pid] = RecordKey(pid, ref, _name(given, family))
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

    def _add_item(self, row: ControlledItem) -> _ItemInfo:
        info = _ItemInfo(RecordKey(row.id, row.ref, row.name), row.kind,
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


def _item_info(session: Session, item_id: int, book: AccessBook | None) -> _ItemInfo:
    if book is not None and item_id in book.items:
        return book.items[item_id]
    row = session.get(ControlledItem, item_id)
    if row is None:
        raise _problem("item", f"controlled item #{item_id} is not in the database")
    return (book or AccessBook())._add_item(row)


def _person_key(session: Session, person_id: int, book: AccessBook | None) -> RecordKey:
    if book is not None and person_id in book.people:
        return book.people[person_id]
    row = session.execute(select(Person.id, Person.ref, Person.given_name, Person.family_name)
                          .where(Person.id == person_id)).first()
    if row is None:
        raise _problem("person", f"person #{person_id} is not in the database")
    key = RecordKey(row[0], row[1], _name(row[2], row[3]))
    if book is not None:
        book.people[person_id] = key
    return key


def _existing(session: Session, key: tuple[int, int, str],
              book: AccessBook | None) -> AccessGrant | None:
    if book is not None:
        known = book.records.get(key)
        if known is None or isinstance(known, AccessGrant):
            return known
        grant = session.get(AccessGrant, known)
        book.records[key] = grant if grant is not None else known
        return grant
    person_id, item_id, mode = key
    return session.execute(select(AccessGrant).where(
        AccessGrant.person_id == person_id, AccessGrant.item_id == item_id,
        func.coalesce(AccessGrant.mode, "") == mode)).scalar_one_or_none()


def _check_mode(item: _ItemInfo, mode: str | None) -> str | None:
    """The mode as stored for a grant to ``item``, or FormInvalid naming the fix."""
    is_model = item.kind == ItemKind.AI_MODEL_ACCESS.value
    offered = item.modes or tuple(m.value for m in AccessMode)
    words = ", ".join(m.replace("_", "-") for m in offered)
    if mode is None or not mode.strip():
        if is_model:
            raise _problem("mode", f"{item.key.name} is an AI model: choose the access mode "
                                   f"({words})")
        return None
    found = mode_of(mode)
    if not is_model:
        raise _problem("mode", f"{item.key.name} is {kind_label(item.kind)}, not an AI model; "
                               "it has no access modes, leave the mode out")
    if found is None:
        raise _problem("mode", f"{mode.strip()!r} is not an access mode; choose {words}")
    if found.value not in offered:
        raise _problem("mode", f"{item.key.name} is not offered for "
                               f"{found.value.replace('_', '-')}; it is offered for {words} "
                               "(add the mode to the item first)")
    return found.value


# --- granting and revoking inside a unit of work --------------------------------------------


def grant_in_session(session: Session, person_id: int, item_id: int, *,
                     mode: str | None = None, state: str = GrantState.ACTIVE.value,
                     since: date | None = None, actor: str | None = None,
                     book: AccessBook | None = None, record_audit: bool = True,
                     at: datetime | None = None) -> GrantOutcome:
    """Grant (``active``) or request (``requested``) ``person_id``'s access to ``item_id``
    in the caller's unit of work.

    An AI model needs a ``mode`` it is offered in; other items take none. A record for the
    same person, item and mode that is suspended or revoked is re-activated; one already
    active (or requested, when requesting) is left unchanged; a requested one becomes
    active. ``since`` (default: today) is the day access began; an unchanged record takes a
    ``since`` given explicitly. A retired item takes no new access. With ``record_audit``
    each change gets its audit entry (the importer may write one for the file instead).
    """
    wanted = state.strip().lower()
    if wanted not in GRANTABLE:
        raise _problem("state", f"{state!r} cannot be granted; use active or requested "
                                "(revoke access to end it)")
    item = _item_info(session, item_id, book)
    person = _person_key(session, person_id, book)
    stored_mode = _check_mode(item, mode)
    key = (person_id, item_id, stored_mode or "")
    grant = _existing(session, key, book)
    if item.retired and (grant is None or grant.state != wanted):
        raise _problem("item", f"{item.key.ref} {item.key.name} is retired; it takes no new "
                               "access (reinstate it first)")
    actor = actor or actor_of(session)
    now = (at or clock_of(session).now()).replace(microsecond=0)
    today = clock_of(session).today()
    if grant is None:
        grant = AccessGrant(person_id=person_id, item_id=item_id, mode=stored_mode,
                            state=wanted, requested_at=now, since=since or today,
                            granted_at=now if wanted == GrantState.ACTIVE.value else None,
                            suspended_by="", suspended_reason="")
        session.add(grant)
        if book is not None:
            book.records[key] = grant
        outcome = GrantOutcome(grant, person, item.key, changed=True, created=True,
                               previous=None)
        before: dict[str, object] | None = None
    else:
        previous = grant.state
        keep = previous == wanted or (previous == GrantState.ACTIVE.value
                                      and wanted == GrantState.REQUESTED.value)
        new_since = since if since is not None and since != grant.since else None
        if keep and new_since is None:
            return GrantOutcome(grant, person, item.key, changed=False, created=False,
                                previous=previous)
        before = {"state": previous, "since": grant.since.isoformat() if grant.since else None}
        if grant.suspended_at is not None:
            before |= {"suspended_at": grant.suspended_at.isoformat(),
                       "suspended_by": grant.suspended_by,
                       "suspended_reason": grant.suspended_reason,
                       "ruleset": grant.suspended_ruleset_id}
        if not keep:
            grant.state = wanted
            grant.suspended_at, grant.suspended_by = None, ""
            grant.suspended_reason, grant.suspended_ruleset_id = "", None
            if wanted == GrantState.ACTIVE.value:
                grant.granted_at = now
            grant.since = since or (today if previous in ("suspended", "revoked")
                                    else grant.since or today)
        else:
            grant.since = new_since
        outcome = GrantOutcome(grant, person, item.key, changed=True, created=False,
                               previous=previous)
    if record_audit:
        session.flush()
        verb = "requested" if wanted == GrantState.REQUESTED.value else "granted"
        how = f" ({stored_mode.replace('_', '-')})" if stored_mode else ""
        again = "" if outcome.created else f" (was {outcome.previous})"
        audit.record(session, actor=actor, action="grant", entity=ENTITY, entity_id=grant.id,
                     before=before,
                     after={"person": person.ref, "item": item.key.ref, "mode": stored_mode,
                            "state": grant.state,
                            "since": grant.since.isoformat() if grant.since else None},
                     summary=f"{person.ref} {person.name}: access to {item.key.name}{how} "
                             f"{verb}{again}", at=now)
    return outcome


def revoke_in_session(session: Session, grant: AccessGrant, *, reason: str = "",
                      actor: str | None = None, book: AccessBook | None = None,
                      record_audit: bool = True, at: datetime | None = None) -> GrantOutcome:
    """Revoke one access record now, with who and why; a revoked one is left unchanged."""
    why = reason.strip()
    problem = column_problem("access_grants", "suspended_reason", why)
    if problem:
        raise _problem("reason", problem)
    person = _person_key(session, grant.person_id, book)
    item = _item_info(session, grant.item_id, book).key
    previous = grant.state
    if previous == GrantState.REVOKED.value:
        return GrantOutcome(grant, person, item, changed=False, created=False,
                            previous=previous)
    actor = actor or actor_of(session)
    now = (at or clock_of(session).now()).replace(microsecond=0)
    grant.state = GrantState.REVOKED.value
    grant.suspended_at, grant.suspended_by, grant.suspended_reason = now, actor, why
    if record_audit:
        session.flush()
        how = f" ({grant.mode.replace('_', '-')})" if grant.mode else ""
        audit.record(session, actor=actor, action="revoke", entity=ENTITY, entity_id=grant.id,
                     before={"state": previous},
                     after={"state": grant.state, "revoked_at": now.isoformat(), "by": actor,
                            "reason": why},
                     summary=f"{person.ref} {person.name}: access to {item.name}{how} revoked"
                             + (f": {why}" if why else ""), at=now)
    return GrantOutcome(grant, person, item, changed=True, created=False, previous=previous)


# --- user actions -------------------------------------------------------------------------


def grant_access(db: Database, person_id: int, item_id: int, *, mode: str | None = None,
                 state: str = GrantState.ACTIVE.value, since: date | None = None,
                 actor: str | None = None) -> GrantOutcome:
    """Grant or request one person's access to one item (in one mode), as one unit of work;
    see :func:`grant_in_session`."""
    for attempt in (1, 2):
        try:
            with db.unit_of_work() as session:
                outcome = grant_in_session(session, person_id, item_id, mode=mode, state=state,
                                           since=since, actor=actor)
                outcome.record  # noqa: B018 - written and read inside the unit of work
                return outcome
        except IntegrityError:
            if attempt == 2:  # the same record saved meanwhile: the second try finds it
                raise
    raise AssertionError("unreachable")


def revoke_access(db: Database, access_id: int, *, reason: str = "",
                  actor: str | None = None) -> GrantOutcome:
    """Revoke one access record (by id), with who and why; audited."""
    with db.unit_of_work() as session:
        grant = session.get(AccessGrant, access_id)
        if grant is None:
            raise NotFoundError(f"access record #{access_id} is not in the database")
        outcome = revoke_in_session(session, grant, reason=reason, actor=actor)
        outcome.record  # noqa: B018
        return outcome


def grant_access_many(db: Database, person_ids: Sequence[int], item_ids: Sequence[int], *,
                      modes: Sequence[str] = (), state: str = GrantState.ACTIVE.value,
                      since: date | None = None, actor: str | None = None
                      ) -> list[AccessRecord]:
    """Grant (or request) every person in ``person_ids`` access to every item in
    ``item_ids`` as one unit of work (one choice in a dialog): an AI model in each of
    ``modes`` it is offered in, any other item as a whole. Nothing is written when nobody or
    nothing is chosen, when an AI model is offered in none of ``modes``, or when any one
    grant is refused (see :func:`grant_in_session`). Returns the records as now stored."""
    if not person_ids:
        raise _problem("person", "choose at least one person")
    if not item_ids:
        raise _problem("item", "choose at least one item")
    wanted: list[str] = []
    for mode in modes:
        found = mode_of(mode)
        if found is None:
            raise _problem("mode", f"{mode.strip()!r} is not an access mode; choose "
                                   "parameters, use or fine-tuning")
        if found.value not in wanted:
            wanted.append(found.value)
    for attempt in (1, 2):
        try:
            with db.unit_of_work() as session:
                outcomes: list[GrantOutcome] = []
                for item_id in dict.fromkeys(item_ids):
                    item = _item_info(session, item_id, None)
                    chosen: list[str | None] = [None]
                    if item.kind == ItemKind.AI_MODEL_ACCESS.value:
                        offered = item.modes or tuple(m.value for m in AccessMode)
                        chosen = [m for m in wanted if m in offered]
                        if not chosen:
                            words = ", ".join(m.replace("_", "-") for m in offered)
                            raise _problem("mode", f"{item.key.name} is an AI model offered "
                                                   f"for {words}: choose at least one of "
                                                   "these modes")
                    for person_id in dict.fromkeys(person_ids):
                        for chosen_mode in chosen:
                            outcomes.append(grant_in_session(
                                session, person_id, item_id, mode=chosen_mode, state=state,
                                since=since, actor=actor))
                return [o.record for o in outcomes]
        except IntegrityError:
            if attempt == 2:  # a record saved meanwhile: the second try finds it
                raise
    raise AssertionError("unreachable")


def revoke_access_many(db: Database, access_ids: Sequence[int], *, reason: str = "",
                       actor: str | None = None) -> list[AccessRecord]:
    """Revoke several access records (by id) for one reason, as one unit of work; audited
    one by one. A record already revoked is left as it is."""
    if not access_ids:
        raise _problem("access", "choose the access to revoke")
    with db.unit_of_work() as session:
        outcomes = []
        for access_id in dict.fromkeys(access_ids):
            grant = session.get(AccessGrant, access_id)
            if grant is None:
                raise NotFoundError(f"access record #{access_id} is not in the database")
            outcomes.append(revoke_in_session(session, grant, reason=reason, actor=actor))
        return [o.record for o in outcomes]


def revoke_access_to(db: Database, person_id: int, item_id: int, *, mode: str | None = None,
                     reason: str = "", actor: str | None = None) -> list[GrantOutcome]:
    """Revoke a person's access to an item: the record for ``mode``, or without a mode every
    record of the pair (all modes); refused when there is none."""
    with db.unit_of_work() as session:
        person = _person_key(session, person_id, None)
        item = _item_info(session, item_id, None)
        query = select(AccessGrant).where(AccessGrant.person_id == person_id,
                                          AccessGrant.item_id == item_id)
        if mode is not None and mode.strip():
            found = mode_of(mode)
            if found is None:
                raise _problem("mode", f"{mode.strip()!r} is not an access mode; choose "
                                       "parameters, use or fine-tuning")
            query = query.where(AccessGrant.mode == found.value)
        grants = session.execute(query.order_by(AccessGrant.id)).scalars().all()
        if not grants:
            how = f" for {mode.strip()}" if mode and mode.strip() else ""
            raise NotFoundError(f"{person.ref} {person.name} has no access record for "
                                f"{item.key.ref} {item.key.name}{how}")
        outcomes = [revoke_in_session(session, g, reason=reason, actor=actor) for g in grants]
        for o in outcomes:
            o.record  # noqa: B018
        return outcomes


__all__ = [
    "GRANTABLE",
    "GRANT_LABELS",
    "AccessBook",
    "AccessRecord",
    "FormInvalid",
    "GrantOutcome",
    "RecordKey",
    "grant_access",
    "grant_access_many",
    "grant_in_session",
    "list_access",
    "resolve_item",
    "resolve_person",
    "revoke_access",
    "revoke_access_many",
    "revoke_access_to",
    "revoke_in_session",
]


def access_changes(records: Iterable[AccessRecord]) -> Changes:
    """What granting, revoking or suspending ``records`` changed: those people's access (the
    authorization matrix's cells for them)."""
    return Changes.of(Kind.ACCESS, {r.person_id for r in records})
