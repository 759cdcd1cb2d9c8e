"""Finding and reading applications."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain import deadlines as dl
from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ApplicationStatus, Regulator
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.privacy import mask_number
from licenseapp.errors import NotFoundError
from licenseapp.services.dto import (
    ApplicationDetail,
    ApplicationRow,
    CitizenshipView,
    ConditionView,
    DeadlineView,
    DocumentView,
    EventView,
    ItemLine,
    LicenseView,
    PartyView,
    PersonView,
    ResumeLine,
)
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    Citizenship,
    ControlledItem,
    License,
    Organization,
    Person,
)

_WATCHED_DOCUMENTS = ("visa", "ead", "i94")


def _status_label(regulator: str, status: str) -> str:
    try:
        return lifecycle(regulator).label(status)
    except (ValueError, KeyError):
        return status


def _list_query() -> Select[tuple[object, ...]]:
    return (
        select(
            Application.id,
            Application.ref,
            Application.status,
            Application.regulator_code,
            Application.form_code,
            Organization.legal_name,
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.native_name,
            Application.regulator_ref,
            Application.owner,
            Application.updated_at,
            Application.status_changed_at,
            Application.submitted_on,
        )
        .join(Organization, Organization.id == Application.organization_id)
        .outerjoin(Person, Person.id == Application.person_id)
    )


def _rows(session: Session, query: Select[tuple[object, ...]]) -> list[ApplicationRow]:
    records = session.execute(query).all()
    if not records:
        return []
    app_ids = [r[0] for r in records]
    person_ids = {r[6] for r in records if r[6] is not None}
    items: dict[int, list[tuple[str, str]]] = defaultdict(list)
    citizenships: dict[int, list[str]] = defaultdict(list)
    chunk = 30_000  # keep under every driver's bound-parameter limit
    for start in range(0, len(app_ids), chunk):
        part = app_ids[start : start + chunk]
        item_query = (
            select(ApplicationItem.application_id, ControlledItem.name, ApplicationItem.eccn)
            .join(ControlledItem, ControlledItem.id == ApplicationItem.item_id)
            .where(ApplicationItem.application_id.in_(part))
            .order_by(ApplicationItem.application_id, ApplicationItem.position)
        )
        for app_id, name, eccn in session.execute(item_query):
            items[app_id].append((name, eccn))
    people = sorted(person_ids)
    for start in range(0, len(people), chunk):
        part_p = people[start : start + chunk]
        cit_query = (
            select(Citizenship.person_id, Citizenship.country)
            .where(Citizenship.person_id.in_(part_p), Citizenship.ended_on.is_(None))
            .order_by(Citizenship.person_id, Citizenship.id)
        )
        for person_id, country in session.execute(cit_query):
            citizenships[person_id].append(country)
    labels: dict[tuple[str, str], str] = {}
    result: list[ApplicationRow] = []
    for (
        app_id, ref, status, regulator, form, applicant, person_id, given, family, native,
        acn, owner, updated_at, changed_at, submitted_on,
    ) in records:
        key = (str(regulator), str(status))
        if key not in labels:
            labels[key] = _status_label(*key)
        lines = items.get(app_id, [])  # type: ignore[call-overload]
        result.append(
            ApplicationRow(
                id=app_id,  # type: ignore[arg-type]
                ref=ref,  # type: ignore[arg-type]
                status=status,  # type: ignore[arg-type]
                status_label=labels[key],
                regulator=regulator,  # type: ignore[arg-type]
                form=form,  # type: ignore[arg-type]
                applicant=applicant,  # type: ignore[arg-type]
                foreign_national=f"{given} {family}" if person_id is not None else "",
                native_name=native or "",  # type: ignore[arg-type]
                citizenships=tuple(citizenships.get(person_id, ())),  # type: ignore[arg-type]
                items=tuple(name for name, _ in lines),
                eccns=tuple(eccn for _, eccn in lines),
                acn=acn or "",  # type: ignore[arg-type]
                owner=owner or "",  # type: ignore[arg-type]
                updated_at=updated_at,  # type: ignore[arg-type]
                status_changed_at=changed_at,  # type: ignore[arg-type]
                submitted_on=submitted_on,  # type: ignore[arg-type]
            )
        )
    return result


def list_applications(
    db: Database,
    *,
    status: ApplicationStatus | None = None,
    regulator: Regulator | None = None,
    owner: str | None = None,
) -> list[ApplicationRow]:
    """Applications, newest reference first, optionally filtered."""
    query = _list_query().order_by(Application.ref.desc())
    if status is not None:
        query = query.where(Application.status == status.value)
    if regulator is not None:
        query = query.where(Application.regulator_code == regulator.value)
    if owner is not None:
        query = query.where(Application.owner == owner)
    with db.reading() as session:
        return _rows(session, query)


def count_applications(db: Database) -> int:
    from sqlalchemy import func

    with db.reading() as session:
        return int(session.execute(select(func.count(Application.id))).scalar_one())


def _person_view(person: Person, employer: str) -> PersonView:
    return PersonView(
        id=person.id,
        ref=person.ref,
        full_name=person.full_name,
        given_name=person.given_name,
        family_name=person.family_name,
        native_name=person.native_name,
        other_names=person.other_names,
        date_of_birth=person.date_of_birth,
        birth_country=person.birth_country,
        residency_country=person.residency_country,
        immigration_status=person.immigration_status,
        employer=employer,
        job_title=person.job_title,
        work_site=person.work_site,
        citizenships=tuple(
            CitizenshipView(c.country, country_name(c.country), c.acquired_on, c.ended_on, c.basis)
            for c in person.citizenships
        ),
        documents=tuple(
            DocumentView(
                d.kind, mask_number(d.number), d.issuing_country, d.document_class,
                d.issued_on, d.expires_on,
            )
            for d in person.documents
        ),
        resume=tuple(
            ResumeLine(
                r.kind, r.organization, r.location, r.title,
                f"{r.start_year:04d}-{r.start_month:02d}",
                f"{r.end_year:04d}-{r.end_month:02d}"
                if r.end_year is not None and r.end_month is not None
                else "present",
            )
            for r in person.resume
        ),
    )


def _deadlines(app: Application, lic: License | None, person: Person | None) -> list[DeadlineView]:
    found: list[dl.Deadline] = list(
        dl.status_deadlines(app.ref, app.status, app.status_changed_at.date())
    )
    if lic is not None:
        found += dl.license_deadlines(app.ref, lic.number, lic.expires_on)
        if any(c.anniversary_report for c in lic.conditions):
            found += dl.anniversary_deadlines(app.ref, lic.number, lic.issued_on, lic.expires_on)
        if person is not None:
            for doc in person.documents:
                if doc.kind in _WATCHED_DOCUMENTS and doc.expires_on is not None:
                    found.append(
                        dl.document_deadline(
                            person.full_name, person.ref, doc.kind, doc.expires_on, app.ref
                        )
                    )
    found.sort(key=lambda d: d.due_on)
    return [DeadlineView(d.kind, d.due_on, d.title, d.application_ref) for d in found]


def get_application(db: Database, ref: str) -> ApplicationDetail:
    """One application with its parties, items, history, license and deadlines."""
    with db.reading() as session:
        rows = _rows(session, _list_query().where(Application.ref == ref.strip().upper()))
        if not rows:
            raise NotFoundError(f"no application {ref!r} in this database")
        app = session.execute(
            select(Application)
            .where(Application.id == rows[0].id)
            .options(
                selectinload(Application.items),
                selectinload(Application.parties),
                selectinload(Application.events),
            )
        ).scalar_one()
        organization = session.get(Organization, app.organization_id)
        person = None
        if app.person_id is not None:
            person = session.execute(
                select(Person)
                .where(Person.id == app.person_id)
                .options(
                    selectinload(Person.citizenships),
                    selectinload(Person.documents),
                    selectinload(Person.resume),
                )
            ).scalar_one()
        employer = ""
        if person is not None and person.employer_id is not None:
            emp = session.get(Organization, person.employer_id)
            employer = emp.legal_name if emp else ""
        lic = session.execute(
            select(License)
            .where(License.application_id == app.id)
            .options(selectinload(License.conditions))
        ).scalar_one_or_none()
        item_rows = {
            i.id: i
            for i in session.execute(
                select(ControlledItem).where(
                    ControlledItem.id.in_([line.item_id for line in app.items])
                )
            ).scalars()
        }
        resubmission_of = None
        if app.resubmission_of_id is not None:
            old = session.get(Application, app.resubmission_of_id)
            resubmission_of = old.ref if old else None
        return ApplicationDetail(
            row=rows[0],
            organization=organization.legal_name if organization else "",
            person=_person_view(person, employer) if person else None,
            items=tuple(
                ItemLine(
                    item_rows[line.item_id].ref,
                    item_rows[line.item_id].name,
                    item_rows[line.item_id].kind,
                    line.eccn,
                    item_rows[line.item_id].regime,
                    line.technical_description,
                )
                for line in app.items
            ),
            parties=tuple(
                PartyView(
                    p.role,
                    p.name,
                    ", ".join(x for x in (p.street, p.city, p.state, p.postal_code) if x),
                    p.country,
                )
                for p in app.parties
            ),
            events=tuple(
                EventView(
                    e.id, e.kind, e.from_status, e.to_status,
                    _status_label(app.regulator_code, e.to_status),
                    e.occurred_at, e.recorded_at, e.actor, e.note, e.reference,
                )
                for e in app.events
            ),
            license=LicenseView(
                lic.number, lic.issued_on, lic.expires_on, lic.state,
                tuple(ConditionView(c.kind, c.text, c.anniversary_report) for c in lic.conditions),
            )
            if lic
            else None,
            end_use=app.end_use,
            justification=app.justification,
            additional_info=app.additional_info,
            ruleset_id=app.ruleset_id,
            resubmission_of=resubmission_of,
            deadlines=tuple(_deadlines(app, lic, person)),
        )


def today() -> date:
    return date.today()


__all__: Sequence[str] = ["count_applications", "get_application", "list_applications"]
