"""Finding and reading applications."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain import deadlines as dl
from licenseapp.domain.clock import ClockReading, read_clock
from licenseapp.domain.days import local_day
from licenseapp.domain.enums import ApplicationStatus, Regulator
from licenseapp.domain.forms import form_spec
from licenseapp.domain.licenses import license_state
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.record import PersonInfo
from licenseapp.domain.settings import RENEWAL_WINDOW_DAYS
from licenseapp.services.collector import collector_paused
from licenseapp.services.drafts.list_values import (
    filtered_list_query,
    item_and_country_lists,
    list_query,
    status_label,
)
from licenseapp.services.drafts.record_reading import read_record
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
from licenseapp.services.follow_up.deadlines import TrackedDeadline, marked_deadlines
from licenseapp.services.lookup import application_key, no_application
from licenseapp.services.shared_values import SharedValues
from licenseapp.services.team_settings import team_value
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    License,
)

_WATCHED_DOCUMENTS = ("visa", "ead", "i94")


def _rows(
    session: Session, query: Select[*tuple[Any, ...]], *, paged: bool = False
) -> list[ApplicationRow]:
    """The list's rows for ``query`` (a :func:`list_query`), in its order.

    Three queries whatever the number of rows: the items of the applications and the
    citizenships of their people, restricted by the query as a subquery (no list of ids
    sent back), then the applications themselves. Plain Core rows unpacked as tuples: at
    100,000 rows, named attribute access on result rows alone costs half a second.
    """
    with collector_paused():
        return _build_rows(session, query, paged)


def _build_rows(
    session: Session, query: Select[*tuple[Any, ...]], paged: bool
) -> list[ApplicationRow]:
    connection = session.connection()
    names, eccns, citizenships = item_and_country_lists(connection, query, paged)
    labels: dict[tuple[str, str], str] = {}
    none: list[str] = []
    # One object per distinct value that repeats: 100,000 rows name a few regulators,
    # forms, applicants, owners and item lists (the driver gives a new one per cell).
    shared = SharedValues()
    result: list[ApplicationRow] = []
    append = result.append
    for (app_id, ref, status, regulator, form, applicant, person_id, given, family, native,
         regulator_ref, owner, updated_at, status_changed_at, submitted_on) in connection.execute(
            query):  # row by row: not every row held at once beside the list made of them
        key = (regulator, status)
        label = labels.get(key)
        if label is None:
            label = labels[key] = status_label(regulator, status)
        append(
            ApplicationRow(
                id=app_id,
                ref=ref,
                status=shared(status),
                status_label=label,
                regulator=shared(regulator),
                form=shared(form),
                applicant=shared(applicant),
                foreign_national=f"{given} {family}" if person_id else "",
                native_name=native or "",
                citizenships=shared(tuple(citizenships.get(person_id, none))),
                items=shared(tuple(names.get(app_id, none))),
                eccns=shared(tuple(eccns.get(app_id, none))),
                acn=regulator_ref or "",
                owner=shared(owner or ""),
                updated_at=updated_at,
                status_changed_at=status_changed_at,
                submitted_on=shared(submitted_on),
            )
        )
    return result


def list_applications(
    db: Database,
    *,
    status: ApplicationStatus | None = None,
    regulator: Regulator | None = None,
    owner: str | None = None,
    limit: int | None = None,
) -> list[ApplicationRow]:
    """Applications, newest reference first, optionally filtered; ``limit``: the first few."""
    query = filtered_list_query(status, regulator, owner)
    if limit is not None:
        query = query.limit(limit)
    with db.reading() as session:
        return _rows(session, query, paged=limit is not None)


def rows_changed(
    db: Database,
    *,
    refs: Collection[str] = (),
    person_ids: Collection[int] = (),
    item_ids: Collection[int] = (),
    organization_ids: Collection[int] = (),
) -> tuple[list[ApplicationRow], frozenset[str]]:
    """The list's rows as they are now for the applications named by reference or through
    a changed person, item or organization, and the references asked for that no longer
    exist (deleted): what a list showing them needs to bring itself up to date."""
    conditions = []
    if refs:
        conditions.append(Application.ref.in_(sorted(refs)))
    if person_ids:
        conditions.append(Application.person_id.in_(sorted(person_ids)))
    if organization_ids:
        conditions.append(Application.organization_id.in_(sorted(organization_ids)))
    if item_ids:
        conditions.append(Application.id.in_(
            select(ApplicationItem.application_id).where(
                ApplicationItem.item_id.in_(sorted(item_ids)))))
    if not conditions:
        return [], frozenset()
    with db.reading() as session:
        rows = _rows(session, list_query().where(or_(*conditions)).order_by(Application.ref))
    return rows, frozenset(refs) - {row.ref for row in rows}


def count_applications(db: Database) -> int:
    from sqlalchemy import func

    with db.reading() as session:
        return int(session.execute(select(func.count(Application.id))).scalar_one())


def _person_view(person_id: int, person: PersonInfo) -> PersonView:
    """The details' view of the person, projected from the application's record."""
    return PersonView(
        id=person_id,
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
        employer=person.employer,
        job_title=person.job_title,
        work_site=person.work_site,
        citizenships=tuple(
            CitizenshipView(c.country, c.country_name, c.acquired_on, c.ended_on, c.basis)
            for c in person.citizenships
        ),
        documents=tuple(
            DocumentView(d.kind, d.number_masked, d.issuing_country, d.document_class,
                         d.issued_on, d.expires_on)
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


def _deadlines(
    session: Session, app: Application, lic: License | None, person: PersonInfo | None,
    renewal_window_days: int, on: date,
) -> list[DeadlineView]:
    """The application's deadlines, soonest first, each with what the team recorded about
    it; a license (and its holder's documents) gives deadlines while it is active, as on
    the deadlines list."""
    found: list[dl.Deadline] = list(
        dl.status_deadlines(app.ref, app.regulator_code, app.status,
                            local_day(app.status_changed_at))
    )
    if lic is not None and lic.state == "active":
        found += dl.license_deadlines(app.ref, lic.number, lic.expires_on, renewal_window_days,
                                      word=form_spec(app.form_code).term("license"))
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
    return [_deadline_view(t, on) for t in marked_deadlines(session, found)]


def _deadline_view(tracked: TrackedDeadline, on: date) -> DeadlineView:
    d, mark = tracked.deadline, tracked.mark
    if mark is None:
        return DeadlineView(d.kind, d.due_on, d.title, d.application_ref, d.key)
    return DeadlineView(
        d.kind, d.due_on, d.title, d.application_ref, d.key, tracked.state(on),
        done_at=mark.completed_at, done_by=mark.completed_by,
        snoozed_until=mark.snoozed_until if tracked.snoozed(on) else None, note=mark.note,
    )


def _clock(app: Application, on: date) -> ClockReading:
    return regulator_clock(app.regulator_code,
                           [(e.to_status, e.occurred_at) for e in app.events if e.kind == "status"],
                           on)


def regulator_clock(regulator: str, history: Iterable[tuple[str, datetime]], on: date
                    ) -> ClockReading:
    """The regulator's clock on the day ``on``, by its own rule (when it starts, what stops
    it), from the status changes ``(status entered, moment)`` in the order they happened;
    each counts on its local day."""
    return read_clock([(status, local_day(moment)) for status, moment in history], on,
                      lifecycle(regulator).clock)


def get_application(
    db: Database, ref: str, *, renewal_window_days: int | None = None
) -> ApplicationDetail:
    """One application with its parties, items, history, license (its state on the day,
    with the team's renewal window unless ``renewal_window_days``) and deadlines (with what
    was recorded about them)."""
    on = db.clock.today()
    with db.reading() as session:
        if renewal_window_days is None:
            renewal_window_days = team_value(session, RENEWAL_WINDOW_DAYS)
        rows = _rows(session, list_query().where(Application.ref == application_key(ref)))
        if not rows:
            raise no_application(ref)
        app = session.execute(
            select(Application)
            .where(Application.id == rows[0].id)
            .options(
                selectinload(Application.items),
                selectinload(Application.parties),
                selectinload(Application.events),
            )
        ).scalar_one()
        record = read_record(session, app, with_attachments=False)
        person = record.person
        lic = session.execute(
            select(License)
            .where(License.application_id == app.id)
            .options(selectinload(License.conditions))
        ).scalar_one_or_none()
        return ApplicationDetail(
            row=rows[0],
            organization=record.organization.legal_name,
            person=_person_view(app.person_id, person)
            if person is not None and app.person_id is not None else None,
            items=tuple(
                ItemLine(i.item_ref, i.name, i.kind, i.eccn, i.regime, i.technical_description,
                         dict(i.form_values))
                for i in record.items
            ),
            parties=tuple(
                PartyView(p.role, p.name, ", ".join(x for x in (
                    p.address.street, p.address.city, p.address.state, p.address.postal_code)
                    if x), p.address.country)
                for p in record.parties
            ),
            events=tuple(
                EventView(
                    e.id, e.kind, e.from_status, e.to_status,
                    status_label(app.regulator_code, e.to_status),
                    e.occurred_at, e.recorded_at, e.actor, e.note, e.reference,
                )
                for e in app.events
            ),
            license=LicenseView(
                lic.number, lic.issued_on, lic.expires_on,
                license_state(lic.state, lic.expires_on, on, renewal_window_days).value,
                tuple(ConditionView(c.kind, c.text, c.anniversary_report) for c in lic.conditions),
                recorded_state=lic.state,
            )
            if lic
            else None,
            end_use=record.end_use,
            justification=record.justification,
            additional_info=record.additional_info,
            ruleset_id=app.ruleset_id,
            resubmission_of=record.resubmission_of_ref or None,
            deadlines=tuple(_deadlines(session, app, lic, person, renewal_window_days, on)),
            clock=_clock(app, on),
            form_values=dict(record.form_values),
        )


__all__: Sequence[str] = ["count_applications", "get_application", "list_applications",
                          "regulator_clock"]
