"""What is due: deadlines computed from applications, licenses and people's documents."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain import deadlines as dl
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Deadline, License, Person, PersonDocument

#: Overdue deadlines stay on the list this long after their date.
OVERDUE_SHOWN_DAYS = 30
_STATUS_WITH_DEADLINES = (
    ApplicationStatus.INTENT_TO_DENY.value,
    ApplicationStatus.DENIED.value,
    ApplicationStatus.INFO_REQUESTED.value,
)
_WATCHED_DOCUMENTS = ("visa", "ead", "i94")


def upcoming_deadlines(
    db: Database,
    *,
    within_days: int = 90,
    today: date | None = None,
    renewal_window_days: int = dl.DEFAULT_RENEWAL_WINDOW_DAYS,
) -> list[dl.Deadline]:
    """Open deadlines due from 30 days ago up to ``within_days`` ahead, most urgent first."""
    today = today or date.today()
    start, end = today - timedelta(days=OVERDUE_SHOWN_DAYS), today + timedelta(days=within_days)
    found: list[dl.Deadline] = []
    with db.reading() as session:
        for ref, status, changed in session.execute(
            select(Application.ref, Application.status, Application.status_changed_at).where(
                Application.status.in_(_STATUS_WITH_DEADLINES)
            )
        ):
            found += dl.status_deadlines(ref, status, changed.date())
        licensed_people: dict[int, str] = {}
        for lic, ref, person_id in session.execute(
            select(License, Application.ref, Application.person_id)
            .join(Application, Application.id == License.application_id)
            .where(License.state == "active", License.expires_on >= start)
            .options(selectinload(License.conditions))
        ):
            found += dl.license_deadlines(ref, lic.number, lic.expires_on, renewal_window_days)
            if any(c.anniversary_report for c in lic.conditions):
                found += dl.anniversary_deadlines(ref, lic.number, lic.issued_on, lic.expires_on)
            if person_id is not None:
                licensed_people[person_id] = ref
        if licensed_people:
            ids = list(licensed_people)
            for i in range(0, len(ids), 30_000):
                part = ids[i : i + 30_000]
                for doc, person in session.execute(
                    select(PersonDocument, Person)
                    .join(Person, Person.id == PersonDocument.person_id)
                    .where(
                        PersonDocument.person_id.in_(part),
                        PersonDocument.kind.in_(_WATCHED_DOCUMENTS),
                        PersonDocument.expires_on.between(start, end),
                    )
                ):
                    if doc.expires_on is None:  # excluded by the query; keeps the type exact
                        continue
                    found.append(
                        dl.document_deadline(
                            person.full_name, person.ref, doc.kind, doc.expires_on,
                            licensed_people[person.id],
                        )
                    )
        done = set(
            session.execute(select(Deadline.key).where(Deadline.completed_at.is_not(None)))
            .scalars()
            .all()
        )
    due = [d for d in found if start <= d.due_on <= end and d.key not in done]
    due.sort(key=lambda d: (d.due_on, d.key))
    return due
