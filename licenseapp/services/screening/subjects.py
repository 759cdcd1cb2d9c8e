"""Our records as screening sees them: the names, countries and date of birth of people and
organizations, read in bulk, with a fingerprint of exactly that (a decision lasts while it
stays the same)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.screening.matching import Query
from licenseapp.services.screening.dto import Subject
from licenseapp.store.models import Citizenship, Organization, Person

_SEPARATORS = re.compile(r"[;\n]+")


@dataclass(frozen=True)
class Screened:
    """One record to screen."""

    subject: Subject
    subject_id: int
    ref: str  # P-0001, or the organization's name
    name: str
    query: Query

    @property
    def fingerprint(self) -> str:
        q = self.query
        material = json.dumps([self.subject.value, q.names, q.kind, sorted(q.countries),
                               q.dob.isoformat() if q.dob else None], ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _names(*texts: str) -> tuple[str, ...]:
    found: list[str] = []
    for text in texts:
        found += [t.strip() for t in _SEPARATORS.split(text or "") if t.strip()]
    return tuple(dict.fromkeys(found))


def people(session: Session, ids: Collection[int] | None = None) -> list[Screened]:
    query = select(Person).order_by(Person.id)
    cits = select(Citizenship.person_id, Citizenship.country).where(
        Citizenship.ended_on.is_(None))
    if ids is not None:
        query = query.where(Person.id.in_(list(ids)))
        cits = cits.where(Citizenship.person_id.in_(list(ids)))
    countries: dict[int, list[str]] = defaultdict(list)
    for person_id, country in session.execute(cits):
        countries[person_id].append(country)
    out = []
    for p in session.execute(query).scalars():
        where = [*countries.get(p.id, []), p.birth_country, p.residency_country]
        out.append(Screened(Subject.PERSON, p.id, p.ref, p.full_name, Query(
            _names(p.full_name, p.native_name, p.other_names), "person",
            tuple(sorted({c for c in where if c})), p.date_of_birth)))
    return out


def organizations(session: Session, ids: Collection[int] | None = None) -> list[Screened]:
    query = select(Organization).order_by(Organization.id)
    if ids is not None:
        query = query.where(Organization.id.in_(list(ids)))
    return [Screened(Subject.ORGANIZATION, o.id, o.legal_name, o.legal_name, Query(
        _names(o.legal_name), "organization", (o.country,) if o.country else ()))
        for o in session.execute(query).scalars()]


def screened(session: Session, subject: Subject,
             ids: Collection[int] | None = None) -> list[Screened]:
    return people(session, ids) if subject is Subject.PERSON else organizations(session, ids)


def all_ids(session: Session, subject: Subject) -> list[int]:
    model = Person if subject is Subject.PERSON else Organization
    return list(session.execute(select(model.id).order_by(model.id)).scalars())


def labels(session: Session, subject: Subject,
           ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """(ref, name) of each record still there."""
    if not ids:
        return {}
    if subject is Subject.PERSON:
        return {i: (ref, f"{given} {family}".strip()) for i, ref, given, family in
                session.execute(select(Person.id, Person.ref, Person.given_name,
                                       Person.family_name).where(Person.id.in_(list(ids))))}
    return {i: (name, name) for i, name in session.execute(
        select(Organization.id, Organization.legal_name).where(
            Organization.id.in_(list(ids))))}
