"""The facts a determination is given, with where they came from: a person's citizenships,
residency, status and birth (one person with its record's version, or many in two queries),
and an item's classification and modes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.rules import CitizenshipFacts, PersonFacts
from licenseapp.errors import NotFoundError
from licenseapp.store.models import Citizenship, ControlledItem, Person


@dataclass(frozen=True, slots=True)
class DeterminedPerson:
    """A person's facts for the engine, with where they came from."""

    id: int
    ref: str
    name: str
    facts: PersonFacts
    inputs: dict[str, Any]


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def person_record(session: Session, person_id: int) -> DeterminedPerson:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"person #{person_id} no longer exists")
    cits = session.execute(select(Citizenship).where(Citizenship.person_id == person_id)
                           .order_by(Citizenship.id)).scalars().all()
    _ref, name, facts = people_facts(session, {person_id})[person_id]
    source = (f"person record {person.ref}, version {person.version}, last changed "
              f"{person.updated_at.date().isoformat()}")
    inputs = {
        "person_ref": person.ref, "name": name, "source": source,
        "citizenships": [{"country": c.country, "acquired": iso_day(c.acquired_on),
                          "ended": iso_day(c.ended_on), "basis": c.basis or ""} for c in cits],
        "residency_country": person.residency_country,
        "residency_since": iso_day(person.lpr_since),
        "immigration_status": person.immigration_status,
        "birth_country": person.birth_country,
        "date_of_birth": iso_day(person.date_of_birth),
    }
    return DeterminedPerson(person.id, person.ref, name, facts, inputs)


def _status(value: str | None) -> Any:
    from licenseapp.domain.enums import ImmigrationStatus

    try:
        return ImmigrationStatus(value) if value else None
    except ValueError:
        return None


def item_inputs(row: ControlledItem) -> dict[str, Any]:
    return {"item_ref": row.ref, "name": row.name, "classification": row.classification,
            "kind": row.kind, "regime": row.regime, "access_modes": row.access_modes,
            "source": f"item record {row.ref}, version {row.version}, last changed "
                      f"{row.updated_at.date().isoformat()}"}


def people_facts(session: Session, ids: set[int]
                  ) -> dict[int, tuple[str, str, PersonFacts]]:
    """(reference, name, facts) of each person, in two queries."""
    cits: dict[int, list[CitizenshipFacts]] = {i: [] for i in ids}
    for pid, country, acquired, ended, basis in session.execute(
            select(Citizenship.person_id, Citizenship.country, Citizenship.acquired_on,
                   Citizenship.ended_on, Citizenship.basis)
            .where(Citizenship.person_id.in_(ids)).order_by(Citizenship.id)):
        cits[pid].append(CitizenshipFacts(country, acquired, ended, basis or ""))
    out = {}
    for p in session.execute(select(
            Person.id, Person.ref, Person.given_name, Person.family_name, Person.date_of_birth,
            Person.birth_country, Person.residency_country, Person.lpr_since,
            Person.immigration_status).where(Person.id.in_(ids))):
        out[p.id] = (p.ref, f"{p.given_name} {p.family_name}".strip(), PersonFacts(
            citizenships=tuple(cits[p.id]), residency_country=p.residency_country,
            residency_since=p.lpr_since, immigration_status=_status(p.immigration_status),
            birth_country=p.birth_country, date_of_birth=p.date_of_birth))
    return out


__all__ = ["DeterminedPerson", "iso_day", "item_inputs", "people_facts", "person_record"]
