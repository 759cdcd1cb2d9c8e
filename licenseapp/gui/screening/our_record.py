"""Our side of a hit: the screened person's or organization's facts a reviewer compares
with the list entry (name, native name, citizenships, birth date, address)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from licenseapp.domain.countries import country_name
from licenseapp.services.screening.dto import Subject

if TYPE_CHECKING:
    from licenseapp.store.database import Database


@dataclass(frozen=True)
class OurRecord:
    """What we hold about the screened party, as the side-by-side shows it."""

    subject: Subject
    subject_id: int
    ref: str
    name: str
    native_name: str = ""
    other_names: str = ""
    citizenships: tuple[str, ...] = ()  # country names
    birth_date: date | None = None
    birth_place: str = ""
    address: str = ""


def load_our_record(db: Database, subject: Subject, subject_id: int) -> OurRecord:
    """Read the record (runs on a worker thread)."""
    if subject is Subject.PERSON:
        from licenseapp.services.catalog.people import load_person

        p = load_person(db, subject_id)
        lives = ", ".join(x for x in (p.work_site, country_name(p.residency_country)
                                      if p.residency_country else "") if x)
        born = ", ".join(x for x in (p.birth_city, country_name(p.birth_country)
                                     if p.birth_country else "") if x)
        return OurRecord(
            subject, subject_id, p.ref, f"{p.given_name} {p.family_name}".strip(),
            native_name=p.native_name, other_names=p.other_names,
            citizenships=tuple(country_name(c.country) for c in p.citizenships
                               if c.ended_on is None),
            birth_date=p.date_of_birth, birth_place=born, address=lives)
    from licenseapp.services.catalog.organizations import load_organization

    o = load_organization(db, subject_id)
    address = ", ".join(x for x in (o.street, o.city, o.state, o.postal_code,
                                    country_name(o.country) if o.country else "") if x)
    return OurRecord(subject, subject_id, o.legal_name, o.legal_name,
                     citizenships=(country_name(o.country),) if o.country else (),
                     address=address)
