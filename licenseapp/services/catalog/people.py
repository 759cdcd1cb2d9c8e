"""People: list and search them, read one as a form, save a form (new or edited).

A save is one transaction with its audit entry; a save over a newer change is refused
with an :class:`~licenseapp.domain.edit_conflict.EditConflict`; a form with problems is
refused with :class:`~licenseapp.domain.form_problems.FormInvalid` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.person_form import (
    PERSON_LABELS,
    CitizenshipForm,
    DocumentForm,
    PersonForm,
    ResumeForm,
    check_person,
)
from licenseapp.errors import NotFoundError
from licenseapp.services.drafts.form_saving import ChangedMeanwhile, changes, save_update
from licenseapp.services.screening.dto import Subject
from licenseapp.services.screening.runs import screen_saved
from licenseapp.services.shared_values import SharedValues
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Citizenship,
    Organization,
    Person,
    PersonDocument,
    ResumeEntry,
)

ENTITY = "person"


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """One line of the people list."""

    id: int
    ref: str
    name: str
    native_name: str
    citizenships: tuple[str, ...]
    immigration_status: str
    employer: str
    job_title: str
    date_of_birth: date | None


def _form(p: Person) -> PersonForm:
    return PersonForm(
        id=p.id, ref=p.ref, version=p.version,
        given_name=p.given_name, family_name=p.family_name, native_name=p.native_name,
        other_names=p.other_names, date_of_birth=p.date_of_birth, birth_city=p.birth_city,
        birth_country=p.birth_country, residency_country=p.residency_country,
        lpr_since=p.lpr_since, immigration_status=p.immigration_status, email=p.email,
        phone=p.phone, employer_id=p.employer_id, job_title=p.job_title, duties=p.duties,
        supervisor=p.supervisor, work_site=p.work_site, notes=p.notes,
        employee_number=p.employee_number or "",
        citizenships=tuple(CitizenshipForm(c.country, c.basis, c.acquired_on, c.ended_on)
                           for c in p.citizenships),
        documents=tuple(DocumentForm(d.kind, d.number, d.issuing_country, d.document_class,
                                     d.issued_on, d.expires_on) for d in p.documents),
        resume=tuple(ResumeForm(r.kind, r.organization, r.start_year, r.start_month,
                                r.end_year, r.end_month, r.title, r.location, r.description)
                     for r in p.resume),
    )


def _load(session: Session, person_id: int) -> Person:
    person = session.execute(
        select(Person).where(Person.id == person_id).options(
            selectinload(Person.citizenships), selectinload(Person.documents),
            selectinload(Person.resume))
    ).scalar_one_or_none()
    if person is None:
        raise NotFoundError(f"person #{person_id} is not in the database (deleted?)")
    return person


def load_person(db: Database, person_id: int) -> PersonForm:
    with db.reading() as session:
        return _form(_load(session, person_id))


def list_people(db: Database, search: str = "", limit: int | None = None) -> list[PersonSummary]:
    """Everyone, by family name; ``search`` matches names (any script), ref or e-mail.

    Plain columns, no ORM objects (50,000 people with their citizenships as ORM objects
    took 200 MB at their peak), and one object per distinct value that repeats (a status,
    an employer, a country list, a birthday)."""
    query = (select(Person.id, Person.ref, Person.given_name, Person.family_name,
                    Person.native_name, Person.immigration_status, Person.employer_id,
                    Person.job_title, Person.date_of_birth)
             .order_by(func.lower(Person.family_name), func.lower(Person.given_name), Person.id))
    text = search.strip()
    if text:
        like = f"%{text.lower()}%"
        query = query.where(or_(
            func.lower(Person.given_name).like(like), func.lower(Person.family_name).like(like),
            Person.native_name.like(f"%{text}%"), func.lower(Person.other_names).like(like),
            func.lower(Person.ref).like(like), func.lower(Person.email).like(like)))
    if limit is not None:
        query = query.limit(limit)
    # The people listed, as a subquery (their order matters only to a limit).
    chosen = (query if limit is not None else query.order_by(None)).with_only_columns(
        Person.id).subquery()
    with db.reading() as session:
        connection = session.connection()
        employers = dict(connection.execute(select(Organization.id, Organization.legal_name)).all())
        countries: dict[int, list[str]] = {}
        for person_id, country in connection.execute(
                select(Citizenship.person_id, Citizenship.country)
                .where(Citizenship.person_id.in_(select(chosen.c.id)),
                       Citizenship.ended_on.is_(None))
                .order_by(Citizenship.person_id, Citizenship.id)):
            countries.setdefault(person_id, []).append(country)
        shared = SharedValues()
        return [PersonSummary(
            person_id, ref, f"{given} {family}".strip(), native or "",
            shared(tuple(countries.get(person_id, ()))), shared(status or ""),
            employers.get(employer_id, "") if employer_id else "", shared(job_title or ""),
            shared(born))
            for person_id, ref, given, family, native, status, employer_id, job_title, born
            in connection.execute(query)]


def next_person_number(session: Session) -> int:
    """The number of the next person's reference (P-0001, P-0002...)."""
    refs = session.execute(select(Person.ref).where(Person.ref.like("P-%"))).scalars()
    numbers = [int(r[2:]) for r in refs if r[2:].isdigit()]
    return max(numbers, default=0) + 1


def person_ref(number: int) -> str:
    return f"P-{number:04d}"


def _apply(person: Person, form: PersonForm) -> None:
    person.given_name = form.given_name.strip()
    person.family_name = form.family_name.strip()
    for name in ("native_name", "other_names", "birth_city", "email", "phone", "job_title",
                 "duties", "supervisor", "work_site", "notes"):
        setattr(person, name, getattr(form, name).strip())
    person.date_of_birth = form.date_of_birth
    person.birth_country = (form.birth_country or "").upper() or None
    person.residency_country = (form.residency_country or "").upper() or None
    person.lpr_since = form.lpr_since
    person.immigration_status = form.immigration_status or None
    person.employer_id = form.employer_id
    person.employee_number = form.employee_number.strip() or None
    old = {(c.country): c for c in person.citizenships}
    person.citizenships = [
        _citizenship(old.get(c.country.upper()), c) for c in form.citizenships]
    person.documents = [
        PersonDocument(kind=d.kind, number=d.number.strip(),
                       issuing_country=(d.issuing_country or "").upper() or None,
                       document_class=d.document_class.strip(), issued_on=d.issued_on,
                       expires_on=d.expires_on) for d in form.documents]
    person.resume = [
        ResumeEntry(kind=r.kind, organization=r.organization.strip(), location=r.location,
                    title=r.title, description=r.description, start_year=r.start_year,
                    start_month=r.start_month, end_year=r.end_year, end_month=r.end_month)
        for r in form.resume]


def _citizenship(row: Citizenship | None, c: CitizenshipForm) -> Citizenship:
    """Keep the row of a citizenship still listed (the (person, country) pair is unique)."""
    row = row or Citizenship(country=c.country.upper())
    row.basis, row.acquired_on, row.ended_on = c.basis, c.acquired_on, c.ended_on
    return row


def save_person(db: Database, form: PersonForm, *, base: PersonForm | None = None,
                actor: str | None = None, today: date | None = None) -> PersonForm:
    """Create (``form.id`` is None) or update a person; returns the form as now stored.

    ``base`` is the form as it was read, for the conflict's three-way view (defaults to
    theirs: then every difference defaults to what was typed)."""
    problems = check_person(form, today or db.clock.today())
    if problems:
        raise FormInvalid(problems, PERSON_LABELS)
    actor = actor or db.actor
    try:
        with db.unit_of_work() as session:
            if form.id is None:
                person = Person(ref=person_ref(next_person_number(session)), given_name="",
                                family_name="")
                session.add(person)
                _apply(person, form)
                session.flush()
                _, after = changes(None, form)
                audit.record(session, actor=actor, action="create", entity=ENTITY,
                             entity_id=person.ref, summary=f"person {person.ref} created",
                             after=after)
                screen_saved(session, Subject.PERSON, [person.id])
                return _form(person)
            person = _load(session, form.id)
            save_update(session, person, form=form, stored=_form(person), base=base,
                        what=f"{person.full_name} ({person.ref})", entity=ENTITY,
                        entity_id=person.ref, labels=PERSON_LABELS,
                        apply=lambda: _apply(person, form), actor=actor,
                        summary=f"person {person.ref} edited")
            screen_saved(session, Subject.PERSON, [person.id])
            return _form(person)
    except ChangedMeanwhile:
        assert form.id is not None
        theirs = load_person(db, form.id)
        raise EditConflict(f"{theirs.full_name} ({theirs.ref})", base or theirs, form, theirs,
                           labels=PERSON_LABELS) from None


__all__ = ["PersonSummary", "list_people", "load_person", "next_person_number", "person_ref",
           "save_person"]
