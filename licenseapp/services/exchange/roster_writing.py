"""The roster import's reads and writes: everyone loaded once, the changes written in bulk.

People, citizenships and visa documents are read with three queries into
:class:`~licenseapp.services.exchange.roster_matching.PersonRecord` values (no query per row). The
import's new rows are written by :mod:`licenseapp.services.safety.sealed_inserts` (ids from the
database's own counter, a few multi-row INSERTs, seals computed from the values written);
updated rows with one prepared UPDATE run over all of them (``executemany``), sealed by
reading them back (:func:`licenseapp.store.seals.seal_rows`). An update finds
each person at the version it was read at; someone else's save in between refuses the import.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from licenseapp.errors import ConflictError
from licenseapp.services.exchange.roster_lookups import Employers
from licenseapp.services.exchange.roster_matching import PersonKeys, PersonRecord
from licenseapp.services.safety.sealed_inserts import defaults, insert_sealed, new_ids
from licenseapp.services.screening.dto import Subject
from licenseapp.services.screening.runs import screen_saved
from licenseapp.store import audit, seals
from licenseapp.store.database import clock_of
from licenseapp.store.models import Organization

_BATCH = 5_000
_IN_LIST = 5_000  # ids in one IN (...) list (SQLite takes 32,766 parameters)
#: The columns of ``people`` an import sets (all of them written on an update).
PERSON_FIELDS = ("given_name", "family_name", "native_name", "other_names", "date_of_birth",
                 "birth_country", "residency_country", "immigration_status", "lpr_since",
                 "email", "job_title", "employer_id", "employee_number")


def load_people_keys(session: Session) -> list[PersonKeys]:
    """Everyone in the database, as much as matching a row needs before it names them."""
    people = seals.table("people")
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(people.c.id, people.c.ref, people.c.employee_number, people.c.email,
               people.c.given_name, people.c.family_name, people.c.date_of_birth)
        .order_by(people.c.id))]


def load_people(session: Session, ids: list[int] | None = None) -> list[PersonRecord]:
    """The people with these ids (everyone: None), with their citizenships and visas."""
    if ids is None:
        return _load_people(session, None)
    return [r for i in range(0, len(ids), _IN_LIST)
            for r in _load_people(session, ids[i:i + _IN_LIST])]


def _load_people(session: Session, ids: list[int] | None) -> list[PersonRecord]:
    people = seals.table("people")
    cits = seals.table("citizenships")
    docs = seals.table("person_documents")
    records: dict[int, PersonRecord] = {}
    columns = [people.c.id, people.c.ref, people.c.version,
               *(people.c[name] for name in PERSON_FIELDS)]
    chosen = select(*columns)
    cits_chosen = select(cits.c.person_id, cits.c.country)
    docs_chosen = (select(docs.c.id, docs.c.person_id, docs.c.expires_on)
                   .where(docs.c.kind == "visa"))
    if ids is not None:
        low, high = min(ids), max(ids)
        if len(ids) * 2 > high - low + 1:  # mostly consecutive (a file in the stored order)
            chosen = chosen.where(people.c.id.between(low, high))
            cits_chosen = cits_chosen.where(cits.c.person_id.between(low, high))
            docs_chosen = docs_chosen.where(docs.c.person_id.between(low, high))
        else:
            chosen = chosen.where(people.c.id.in_(ids))
            cits_chosen = cits_chosen.where(cits.c.person_id.in_(ids))
            docs_chosen = docs_chosen.where(docs.c.person_id.in_(ids))
    for (pid, ref, version, given, family, native, other, born, birth_country, residency,
         status, lpr_since, email, job_title, employer_id, number) in session.execute(
            chosen.order_by(people.c.id)):
        records[pid] = PersonRecord(
            id=pid, ref=ref, version=version, given_name=given, family_name=family,
            native_name=native or "", other_names=other or "", date_of_birth=born,
            birth_country=birth_country, residency_country=residency,
            immigration_status=status, lpr_since=lpr_since, email=email or "",
            job_title=job_title or "", employer_id=employer_id, employee_number=number)
    wanted = set(ids) if ids is not None else records.keys()
    for pid in records.keys() - wanted:  # in the range but not asked for
        del records[pid]
    for person_id, country in session.execute(cits_chosen.order_by(cits.c.id)):
        if person_id in records:
            records[person_id].citizenships.append(country)
    for doc_id, person_id, expires in session.execute(docs_chosen.order_by(docs.c.id)):
        if person_id in records:
            records[person_id].visas.append((doc_id, expires))
    return list(records.values())


def load_employers(session: Session, *, create: bool) -> Employers:
    found = session.execute(select(Organization.id, Organization.legal_name)).all()
    return Employers(ids={Employers.key(name): oid for oid, name in found},
                     names=dict(found), create=create)


# ---------------------------------------------------------------- writing


class BatchWriter:
    """Writes the people each batch of rows adds or changes, in the import's unit of work:
    the new organizations they are given first (each with its audit entry), then the
    people; what the import's audit entry and the screening need is kept (references and
    ids), not the rows."""

    def __init__(self, session: Session, employers: Employers, actor: str,
                 source: str) -> None:
        self.session, self.employers, self.actor, self.source = (
            session, employers, actor, source)
        self.used_orgs: set[int] = set()  # placeholders of new organizations people are given
        self.org_ids: dict[int, int] = {}  # placeholder → the organization written
        self.added: list[str] = []  # the references of the people added
        self.person_ids: set[int] = set()
        self.written = 0

    def note(self, touched: list[PersonRecord]) -> None:
        """What the rows do, written or not (a dry run reports it too)."""
        self.used_orgs.update(r.employer_id for r in touched
                              if r.employer_id is not None and r.employer_id < 0)
        self.added.extend(r.ref for r in touched if r.id is None)

    def created_names(self) -> tuple[str, ...]:
        """The new organizations people are given, in the order the file names them."""
        return tuple(self.employers.new[p] for p in sorted(self.used_orgs, reverse=True))

    def write(self, touched: list[PersonRecord]) -> None:
        if not touched:
            return
        wanted = {r.employer_id for r in touched
                  if r.employer_id is not None and r.employer_id < 0} - self.org_ids.keys()
        if wanted:
            org_ids = create_organizations(self.session, self.employers, wanted)
            for placeholder, org_id in org_ids.items():
                name = self.employers.new[placeholder]
                audit.record(self.session, actor=self.actor, action="create",
                             entity="organization", entity_id=org_id,
                             summary=f"organization {name} created by the import of "
                                     f"{self.source}",
                             after={"legal_name": name})
            self.org_ids.update(org_ids)
            self.employers.created(org_ids)
        write_people(self.session, touched, self.org_ids)
        self.person_ids.update(r.id for r in touched if r.id is not None)
        self.written += len(touched)

    def screen(self) -> None:
        """Screen the people and organizations written (when a list is loaded)."""
        screen_saved(self.session, Subject.ORGANIZATION, self.org_ids.values())
        screen_saved(self.session, Subject.PERSON, self.person_ids)



def create_organizations(session: Session, employers: Employers,
                         used: set[int]) -> dict[int, int]:
    """The new organizations people are given: placeholder id → real id (ORM: sealed)."""
    made: dict[int, Organization] = {}
    for placeholder, name in employers.new.items():
        if placeholder in used:
            made[placeholder] = Organization(legal_name=name)
            session.add(made[placeholder])
    session.flush()
    return {placeholder: org.id for placeholder, org in made.items()}


def write_people(session: Session, records: Iterable[PersonRecord],
                 org_ids: dict[int, int], now: datetime | None = None) -> None:
    """Insert the new people (no ``id``) and update the others (each one changed), with
    citizenships and visas."""
    now = now or clock_of(session).now()
    people, docs = seals.table("people"), seals.table("person_documents")
    records = list(records)
    new = [r for r in records if r.id is None]
    # Every stored person given gets a new version, also when only their citizenships or
    # visa change: the person's page edits them as one form.
    changed = [r for r in records if r.id is not None]
    for r in (*new, *changed):
        if r.employer_id is not None and r.employer_id < 0:
            r.employer_id = org_ids[r.employer_id]
    base = defaults("people")
    for r, person_id in zip(new, new_ids(session, "people", len(new)), strict=True):
        r.id = person_id
    fields = attrgetter(*PERSON_FIELDS)
    rows = []
    for r in new:
        row = {**base, **dict(zip(PERSON_FIELDS, fields(r), strict=True)), "id": r.id,
               "ref": r.ref, "version": 1, "created_at": now, "updated_at": now}
        row["employee_number"] = row["employee_number"] or None  # as _stored gives it
        rows.append(row)
    insert_sealed(session, "people", rows)
    _update_people(session, people, changed, now)
    new_cits = [(r.id, code) for r in new for code in r.citizenships]
    new_cits += [(r.id, code) for r in changed for code in r.new_citizenships]
    cit_base = defaults("citizenships")
    insert_sealed(session, "citizenships", [
        {**cit_base, "id": cid, "person_id": pid, "country": code}
        for (pid, code), cid in zip(new_cits, new_ids(session, "citizenships", len(new_cits)),
                                    strict=True)])
    visas = [r for r in (*new, *changed) if r.visa_change is not None]
    added = [(r.id, r.visa_change[1]) for r in visas
             if r.visa_change is not None and r.visa_change[0] is None]
    doc_base = defaults("person_documents")
    new_visa_ids = new_ids(session, "person_documents", len(added))
    insert_sealed(session, "person_documents", [
        {**doc_base, "id": did, "person_id": pid, "kind": "visa", "expires_on": expires,
         "version": 1, "created_at": now, "updated_at": now}
        for (pid, expires), did in zip(added, new_visa_ids, strict=True)])
    _settle(visas, new_visa_ids)
    moved = [(r.visa_change[0], r.visa_change[1]) for r in visas
             if r.visa_change is not None and r.visa_change[0] is not None]
    if moved:
        session.execute(
            update(docs).where(docs.c.id == bindparam("b_id"))
            .values(expires_on=bindparam("b_expires"), version=docs.c.version + 1,
                    updated_at=bindparam("b_now")),
            [{"b_id": did, "b_expires": expires, "b_now": now} for did, expires in moved])
        seals.seal_rows(session, "person_documents", [(did,) for did, _ in moved])
    for r in records:  # as stored now: a later batch of the file changes them from here
        r.changed.clear()
        r.before.clear()
        r.new_citizenships.clear()
        r.visa_change = None


def _settle(visas: list[PersonRecord], new_visa_ids: list[int]) -> None:
    """The new visa documents' ids in the people's lists of visas."""
    ids = iter(new_visa_ids)
    for r in visas:
        if r.visa_change is not None and r.visa_change[0] is None:
            expires, did = r.visa_change[1], next(ids)
            r.visas = [(did, e) if v is None and e == expires else (v, e) for v, e in r.visas]


def _stored(record: PersonRecord, name: str) -> Any:
    value = getattr(record, name)
    if name == "employee_number":
        return value or None  # SEALED_IF_SET: NULL, never "", when there is none
    return value


def _update_people(session: Session, people: Table, changed: list[PersonRecord],
                   now: datetime) -> None:
    if not changed:
        return
    statement = (
        update(people)
        .where(people.c.id == bindparam("b_id"), people.c.version == bindparam("b_version"))
        .values(version=bindparam("b_new_version"), updated_at=bindparam("b_now"),
                **{name: bindparam(f"b_{name}") for name in PERSON_FIELDS}))
    params = [{"b_id": r.id, "b_version": r.version, "b_new_version": r.version + 1,
               "b_now": now, **{f"b_{name}": _stored(r, name) for name in PERSON_FIELDS}}
              for r in changed]
    done = 0
    for i in range(0, len(params), _BATCH):
        result = session.execute(statement, params[i:i + _BATCH])
        done += max(result.rowcount, 0)  # type: ignore[attr-defined]
    if done != len(changed):
        raise ConflictError(
            "someone saved changes to people while the file was being imported; nothing was "
            "imported: import the file again")
    for r in changed:
        r.version += 1
    seals.seal_rows(session, "people", [(r.id,) for r in changed])


__all__ = ["PERSON_FIELDS", "BatchWriter", "create_organizations", "load_employers", "load_people",
           "load_people_keys",
           "write_people"]
