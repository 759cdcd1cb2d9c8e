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
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from licenseapp.errors import ConflictError
from licenseapp.services.exchange.roster_matching import Employers, PersonRecord
from licenseapp.services.safety.sealed_inserts import defaults, insert_sealed, new_ids
from licenseapp.store import seals
from licenseapp.store.database import clock_of
from licenseapp.store.models import Organization

_BATCH = 5_000
#: The columns of ``people`` an import sets (all of them written on an update).
PERSON_FIELDS = ("given_name", "family_name", "native_name", "other_names", "date_of_birth",
                 "birth_country", "residency_country", "immigration_status", "lpr_since",
                 "email", "job_title", "employer_id", "employee_number")


def load_people(session: Session) -> list[PersonRecord]:
    """Everyone in the database, with their citizenships and visas."""
    people = seals.table("people")
    cits = seals.table("citizenships")
    docs = seals.table("person_documents")
    records: dict[int, PersonRecord] = {}
    columns = [people.c.id, people.c.ref, people.c.version,
               *(people.c[name] for name in PERSON_FIELDS)]
    for row in session.execute(select(*columns)):
        records[row.id] = PersonRecord(
            id=row.id, ref=row.ref, version=row.version, given_name=row.given_name,
            family_name=row.family_name, native_name=row.native_name or "",
            other_names=row.other_names or "", date_of_birth=row.date_of_birth,
            birth_country=row.birth_country, residency_country=row.residency_country,
            immigration_status=row.immigration_status, lpr_since=row.lpr_since,
            email=row.email or "",
            job_title=row.job_title or "", employer_id=row.employer_id,
            employee_number=row.employee_number)
    for person_id, country in session.execute(
            select(cits.c.person_id, cits.c.country).order_by(cits.c.id)):
        records[person_id].citizenships.append(country)
    for doc_id, person_id, expires in session.execute(
            select(docs.c.id, docs.c.person_id, docs.c.expires_on)
            .where(docs.c.kind == "visa").order_by(docs.c.id)):
        records[person_id].visas.append((doc_id, expires))
    return list(records.values())


def load_employers(session: Session, *, create: bool) -> Employers:
    found = session.execute(select(Organization.id, Organization.legal_name)).all()
    return Employers(ids={Employers.key(name): oid for oid, name in found},
                     names=dict(found), create=create)


# ---------------------------------------------------------------- writing


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
    insert_sealed(session, "people", [
        {**base, "id": r.id, "ref": r.ref, "version": 1, "created_at": now, "updated_at": now,
         **{name: _stored(r, name) for name in PERSON_FIELDS}} for r in new])
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
    insert_sealed(session, "person_documents", [
        {**doc_base, "id": did, "person_id": pid, "kind": "visa", "expires_on": expires,
         "version": 1, "created_at": now, "updated_at": now}
        for (pid, expires), did in zip(added, new_ids(session, "person_documents", len(added)),
                                       strict=True)])
    moved = [(r.visa_change[0], r.visa_change[1]) for r in visas
             if r.visa_change is not None and r.visa_change[0] is not None]
    if moved:
        session.execute(
            update(docs).where(docs.c.id == bindparam("b_id"))
            .values(expires_on=bindparam("b_expires"), version=docs.c.version + 1,
                    updated_at=bindparam("b_now")),
            [{"b_id": did, "b_expires": expires, "b_now": now} for did, expires in moved])
        seals.seal_rows(session, "person_documents", [(did,) for did, _ in moved])


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


__all__ = ["PERSON_FIELDS", "create_organizations", "load_employers", "load_people",
           "write_people"]
