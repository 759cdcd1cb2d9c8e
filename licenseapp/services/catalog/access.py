"""Granting and revoking access: who holds or has requested access to which controlled
item, and how.

One record per person, item and access mode (an AI model's ``parameters``, ``use`` or
``fine_tuning``; ``None`` for an item taken as a whole), kept by a unique index on both
databases. Granting again re-activates a suspended or revoked record instead of adding one;
revoking keeps the record with when, by whom and why. Every change is audited.

:func:`grant_access` and :func:`revoke_access` are user actions, one unit of work each.
An importer works inside its own unit of work with :func:`grant_in_session` and an
:class:`AccessBook` (people, items and records read once), so thousands of grants are one
transaction without a query per row; :attr:`GrantOutcome.changed` lets it count.

Reading records and finding whom and what a user named live in
:mod:`licenseapp.services.catalog.access_records`; they are imported from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from licenseapp.domain.enums import AccessMode, GrantState, ItemKind
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.domain.item_form import kind_label, mode_of
from licenseapp.domain.text_limits import column_problem
from licenseapp.errors import NotFoundError
from licenseapp.services.catalog.access_records import (
    AccessBook,
    AccessRecord,
    ItemAccessFacts,
    RecordKey,
    full_name,
    list_access,
    resolve_item,
    resolve_person,
)
from licenseapp.services.changes import Changes, Kind
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


def _problem(field_name: str, message: str) -> FormInvalid:
    return FormInvalid([FieldProblem(field_name, message)], GRANT_LABELS)



def _item_info(session: Session, item_id: int, book: AccessBook | None) -> ItemAccessFacts:
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
    key = RecordKey(row[0], row[1], full_name(row[2], row[3]))
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


def _check_mode(item: ItemAccessFacts, mode: str | None) -> str | None:
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
