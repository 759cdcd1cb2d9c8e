"""The pending report: every application with the regulator, oldest first, with its age and
the regulator's own clock (registration on, days waiting for us left out, BIS's 9/30/90-day
steps), counted on the local day of the app's clock."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import select

from licenseapp.domain.clock_words import clock_rule_words
from licenseapp.domain.days import local_day
from licenseapp.domain.enums import PENDING_STATUSES
from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.services.drafts.applications import list_applications, regulator_clock
from licenseapp.services.dto import ApplicationRow
from licenseapp.services.reports.wording import clock_words, report_moment
from licenseapp.store.database import Database
from licenseapp.store.models import Application, StatusEvent

REGULATORS = ("BIS", "DDTC", "ECJU")
COLUMNS = ("Reference", "Status", "Form", "Person", "Items", "Regulator ref",
           "Submitted", "Age (days)", "Regulator's clock", "In status (days)", "Owner")
WIDTHS = (1.1, 1.2, 0.75, 1.7, 0.8, 1.2, 0.95, 0.6, 2.1, 0.65, 0.8)


def _histories(db: Database) -> dict[str, list[tuple[str, datetime]]]:
    """The status changes of every pending application, in the order they happened."""
    found: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
    pending = sorted(s.value for s in PENDING_STATUSES)
    with db.reading() as session:
        for ref, status, moment in session.execute(
            select(Application.ref, StatusEvent.to_status, StatusEvent.occurred_at)
            .join(StatusEvent, StatusEvent.application_id == Application.id)
            .where(Application.status.in_(pending), StatusEvent.kind == "status")
            .order_by(Application.id, StatusEvent.id)
        ):
            found[ref].append((status, moment))
    return found


def _name(row: ApplicationRow) -> str:
    if row.native_name and row.native_name != row.foreign_national:
        return f"{row.foreign_national}\n{row.native_name}"
    return row.foreign_national


def _row(row: ApplicationRow, started: date, clock: str, today: date) -> tuple[str, ...]:
    return (row.ref, row.status_label, row.form, _name(row), ", ".join(row.eccns), row.acn,
            started.isoformat(), str((today - started).days), clock,
            str((today - local_day(row.status_changed_at)).days), row.owner)


def _count(n: int) -> str:
    return "No applications" if n == 0 else f"{n} application{'s' if n != 1 else ''}"


def pending_report(db: Database) -> Report:
    as_of = report_moment(db)
    today = db.clock.today()
    rows = [r for r in list_applications(db) if r.status in PENDING_STATUSES]
    histories = _histories(db)
    sections = []
    for regulator in REGULATORS:
        mine = [r for r in rows if r.regulator == regulator]
        started = {r.ref: r.submitted_on or local_day(r.status_changed_at) for r in mine}
        mine.sort(key=lambda r: (started[r.ref], r.ref))
        table_rows = tuple(
            _row(r, started[r.ref],
                 clock_words(regulator_clock(regulator, histories.get(r.ref, []), today)),
                 today)
            for r in mine
        )
        sections.append(ReportSection(
            f"{regulator}: {len(mine)} pending",
            table=ReportTable(COLUMNS, table_rows, WIDTHS, empty="No pending applications."),
            lines=(f"Regulator's clock: {clock_rule_words(regulator)}",),
        ))
    return Report(
        "Pending applications",
        f"{_count(len(rows))} with the regulator{', oldest first,' if rows else ''} on "
        f"{today.isoformat()}. "
        "Age: calendar days since submission. Regulator's clock: days counted by the "
        "regulator's own rule, from registration, without the days it waited for our answer "
        "(BIS: 15 CFR 750.4, 90 calendar days).",
        as_of, tuple(sections),
    )
