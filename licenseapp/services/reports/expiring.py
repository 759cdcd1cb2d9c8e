"""The expiring report: licenses and immigration documents that expire within N days (and
those that expired in the last 30), soonest first, on the local day of the app's clock.

The documents are those the deadlines list follows (people holding an active license) and
also those of people whose applications are still with the regulator: a visa that lapses
while the application is pending ends the employment the license is sought for.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from licenseapp.domain import deadlines as dl
from licenseapp.domain.enums import PENDING_STATUSES
from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.services.follow_up.deadlines import (
    OVERDUE_SHOWN_DAYS,
    marked_deadlines,
    upcoming_deadlines,
)
from licenseapp.services.reports.wording import days_left, report_moment, status_label
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Person, PersonDocument

LICENSES = "Licenses"
DOCUMENTS = "Immigration documents"
KIND_GROUPS = {"license_expiry": LICENSES, "license_renewal": LICENSES,
               "visa_expiry": DOCUMENTS, "ead_expiry": DOCUMENTS, "i94_expiry": DOCUMENTS}
WATCHED_DOCUMENTS = ("visa", "ead", "i94")
COLUMNS = ("Due", "Days left", "What", "Application", "Application status")
WIDTHS = (0.9, 0.8, 4.2, 1.2, 1.8)


def _pending_documents(db: Database, start: date, end: date, today: date
                       ) -> tuple[list[dl.Deadline], dict[str, str]]:
    """Documents of people whose applications are pending that expire from ``start`` to
    ``end`` (not marked done or snoozed), each under that application; and the status of
    every application, by reference."""
    pending = sorted(s.value for s in PENDING_STATUSES)
    with db.reading() as session:
        statuses = {ref: status_label(regulator, status) for ref, regulator, status
                    in session.execute(select(Application.ref, Application.regulator_code,
                                              Application.status))}
        found = [
            dl.document_deadline(f"{given} {family}".strip(), person_ref, kind, expires_on, ref)
            for person_ref, given, family, kind, expires_on, ref in session.execute(
                select(Person.ref, Person.given_name, Person.family_name, PersonDocument.kind,
                       PersonDocument.expires_on, Application.ref)
                .join(Person, Person.id == PersonDocument.person_id)
                .join(Application, Application.person_id == Person.id)
                .where(PersonDocument.kind.in_(WATCHED_DOCUMENTS),
                       PersonDocument.expires_on >= start, PersonDocument.expires_on <= end,
                       Application.status.in_(pending))
                .order_by(Application.ref)
            ) if expires_on is not None
        ]
        tracked = marked_deadlines(session, found)
    return [t.deadline for t in tracked if t.is_open(today)], statuses


def expiring_report(db: Database, within_days: int) -> Report:
    as_of = report_moment(db)
    today = db.clock.today()
    found = [d for d in upcoming_deadlines(db, within_days=within_days, today=today)
             if d.kind in KIND_GROUPS]
    extra, statuses = _pending_documents(db, today - timedelta(days=OVERDUE_SHOWN_DAYS),
                                         today + timedelta(days=within_days), today)
    known = {d.key for d in found}
    for d in extra:  # once, under a license if there is one, else the first application
        if d.key not in known:
            known.add(d.key)
            found.append(d)
    sections = []
    for group in (LICENSES, DOCUMENTS):
        mine = sorted((d for d in found if KIND_GROUPS[d.kind] == group),
                      key=lambda d: (d.due_on, d.title, d.application_ref or ""))
        sections.append(ReportSection(group, table=ReportTable(
            COLUMNS,
            tuple((d.due_on.isoformat(), days_left(d.days_left(today)), d.title,
                   d.application_ref or "", statuses.get(d.application_ref or "", ""))
                  for d in mine),
            WIDTHS, empty=f"Nothing expires within {within_days} days.",
        )))
    return Report(
        "Expiring licenses and documents",
        f"What expires within {within_days} days of {today.isoformat()} (and what expired in "
        f"the last {OVERDUE_SHOWN_DAYS} days), soonest first: licenses, and the visas, work "
        "authorizations and I-94s of people holding a license or with an application pending.",
        as_of, tuple(sections),
    )
