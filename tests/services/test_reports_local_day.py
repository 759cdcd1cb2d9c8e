"""Reports as use cases (services/reports), on a real database: days counted on the local
day of the app's clock, as the deadlines screen counts them; the regulator's clock; the
documents of people with pending applications; the case record's deadlines, filed packet and
labels. At 18:00 in Los Angeles it is already tomorrow in UTC."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import complete_for_filing, make_application, make_license
from zones import local_zone

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.wall_clock import FixedClock
from licenseapp.pdf.report_model import Report, ReportTable
from licenseapp.services.follow_up.deadlines import tracked_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.output.filing import filed_packet
from licenseapp.services.reports.building import build_report, make_report
from licenseapp.services.reports.request import ReportKind, ReportRequest
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Attachment


@pytest.fixture
def los_angeles() -> Iterator[None]:
    with local_zone("America/Los_Angeles"):
        yield


def evening() -> datetime:
    """18:00 on 6 December 2026 in Los Angeles: 02:00 on the 7th in UTC."""
    return datetime(2026, 12, 6, 18, 0).astimezone().astimezone(UTC)


@pytest.fixture
def records(db: Database, los_angeles: None) -> Database:
    """LA-2026-0001: BIS, submitted 28 October, registered 30 October, referred 3 November
    (the agencies' 30 days ended 3 December), its foreign national's visa expiring 5 January
    and a work authorization attached; LA-2026-0002: a license expiring 5 January."""
    now = evening()
    make_application(db, "LA-2026-0001", status="ready", visa_expires=date(2027, 1, 5))
    complete_for_filing(db, "LA-2026-0001")
    for target, on, ref in ((S.SUBMITTED, date(2026, 10, 28), None),
                            (S.REGISTERED, date(2026, 10, 30), "Z1234567"),
                            (S.REFERRED, date(2026, 11, 3), None)):
        change_status(db, StatusChange("LA-2026-0001", target, regulator_ref=ref, on=on),
                      actor="mchen", now=now)
    app_id = make_application(db, "LA-2026-0002", status="approved", given="Aiko",
                              family="Tanaka", native="田中愛子", citizenship="JP",
                              visa_expires=None)
    make_license(db, app_id, "D1234567", issued_on=date(2026, 1, 5), expires_on=date(2027, 1, 5))
    with db.unit_of_work() as s:
        first = s.query(Application).filter_by(ref="LA-2026-0001").one()
        s.add(Attachment(application_id=first.id, kind="work_authorization",
                         file_name="ead-card.pdf", media_type="application/pdf", size=4,
                         sha256=hashlib.sha256(b"%PDF").hexdigest(), content=b"%PDF",
                         created_by="mchen"))
    db.clock = FixedClock(now)
    return db


def _table(report: Report, title: str) -> ReportTable:
    table = next(s.table for s in report.sections if s.title == title)
    assert table is not None
    return table


def _row(table: ReportTable, needle: str) -> dict[str, str]:
    rows = [r for r in table.rows if any(needle in cell for cell in r)]
    assert len(rows) == 1, (needle, table.rows)
    return dict(zip(table.columns, rows[0], strict=True))


def test_days_count_on_the_local_day_as_on_the_deadlines_screen(records: Database) -> None:
    db = records
    assert db.clock.today() == date(2026, 12, 6)  # still the 6th in Los Angeles
    screen = {t.deadline.kind: t.deadline for t in tracked_deadlines(db, today=db.clock.today())
              if t.deadline.application_ref == "LA-2026-0002"}
    expiring = build_report(db, ReportRequest(ReportKind.EXPIRING, within_days=90))
    license_row = _row(_table(expiring, "Licenses"), "license D1234567 expires")
    assert license_row["Days left"] == str(screen["license_expiry"].days_left(db.clock.today()))
    assert license_row["Days left"] == "30"  # 6 December to 5 January; the UTC date said 29

    pending = build_report(db, ReportRequest(ReportKind.PENDING))
    row = _row(_table(pending, "BIS: 1 pending"), "LA-2026-0001")
    assert row["Submitted"] == "2026-10-28"
    assert row["Age (days)"] == "39"  # the UTC date (7 December) said 40
    assert row["In status (days)"] == "33"  # referred 3 November


def test_the_pending_report_shows_the_regulators_clock(records: Database) -> None:
    pending = build_report(records, ReportRequest(ReportKind.PENDING))
    clock = _row(_table(pending, "BIS: 1 pending"), "LA-2026-0001")["Regulator's clock"]
    # Registered 30 October: 37 days counted of BIS's 90; referred 3 November, so the
    # agencies' 30 days ended 3 December.
    assert clock.startswith("37 days of 90")
    assert "past the 30-day agency step" in clock


def test_the_expiring_report_lists_visas_of_people_with_pending_applications(
    records: Database,
) -> None:
    expiring = build_report(records, ReportRequest(ReportKind.EXPIRING, within_days=90))
    visa = _row(_table(expiring, "Immigration documents"), "Wei Zhang: visa expires")
    assert visa == {"Due": "2027-01-05", "Days left": "30",
                    "What": "Wei Zhang: visa expires", "Application": "LA-2026-0001",
                    "Application status": "Referred to agencies"}


def test_the_case_record_lists_the_regulators_steps_and_the_filed_packet(
    records: Database,
) -> None:
    db = records
    case = build_report(db, ReportRequest(ReportKind.CASE, "la-2026-0001"))
    deadlines = _table(case, "Deadlines")
    assert deadlines.rows, "the case record said 'No deadlines'"
    step = _row(deadlines, "the agencies recommend")
    assert step["Due"] == "2026-12-03" and step["Days left"] == "past (3 days)"
    assert _row(deadlines, "Wei Zhang: visa expires")["Due"] == "2027-01-05"
    assert _row(deadlines, "90-day limit")["Due"] == "2027-01-28"

    filed = next(s for s in case.sections if s.title == "Filed packet")
    digest = hashlib.sha256(filed_packet(db, "LA-2026-0001")).hexdigest()
    assert f"SHA-256: {digest}" in filed.lines

    text = case.text()
    assert "Work authorization" in _row(_table(case, "Documents"), "ead-card.pdf")["Kind"]
    for raw in ("work_authorization", "ai_model_access", "referred", "_"):
        words = [w for w in text.split() if raw in w and not w.endswith(".pdf")]
        assert not [w for w in words if raw == "_" or w == raw], words


def test_a_saved_report_holds_its_stamp_on_every_page(records: Database) -> None:
    made = make_report(records, ReportRequest(ReportKind.CASE, "LA-2026-0001"))
    assert made.pdf.startswith(b"%PDF-") and made.file_name == "LA-2026-0001-case-record.pdf"
    import io

    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(made.pdf)).pages]
    assert len(pages) == made.pages >= 1
    for text in pages:
        assert text.count("As of 2026-12-06 18:00 PST") == 2  # header and footer, whole


def test_a_request_is_refused_in_the_users_words(db: Database) -> None:
    from licenseapp.errors import ValidationError

    with pytest.raises(ValidationError, match="needs an application reference") as caught:
        build_report(db, ReportRequest(ReportKind.CASE))
    assert caught.value.field == "ref"
    with pytest.raises(ValidationError, match="from 1 to 3650"):
        build_report(db, ReportRequest(ReportKind.EXPIRING, within_days=0))


def test_the_pending_report_of_a_fresh_database_says_so_plainly(db: Database) -> None:
    from licenseapp.services.reports.pending import pending_report

    intro = pending_report(db).subtitle
    assert intro.startswith("No applications with the regulator on "), intro
    assert "oldest first" not in intro
