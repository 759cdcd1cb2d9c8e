"""Each regulator's deadlines and clock through the database (SQLite, and PostgreSQL when
``LICENSEAPP_TEST_PG_URL`` is set): the deadlines list, the calendar export, the details
and ``show`` say each regulator's own rule, and none cites BIS's law on a DDTC or UK case."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from factories import make_application

from licenseapp.cli.main import main
from licenseapp.domain.clock_words import clock_lines
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.ics import to_ics
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import Database
from licenseapp.store.models import License

US_LAW = re.compile(r"15 CFR|750\.\d|Part 756")
NOW = datetime(2027, 1, 6, 16, 0, tzinfo=UTC)


def _go(db: Database, ref: str, target: S, on: date, **kw: object) -> None:
    change_status(db, StatusChange(ref, target, on=on, **kw),  # type: ignore[arg-type]
                  actor="mchen", now=NOW)


def test_a_uk_request_for_information_is_due_in_uk_working_days(db: Database) -> None:
    make_application(db, "LA-2026-0001", regulator="ECJU", status="submitted")
    _go(db, "LA-2026-0001", S.REGISTERED, date(2026, 12, 1), regulator_ref="GBSIEL/2026/0000001/P")
    _go(db, "LA-2026-0001", S.INFO_REQUESTED, date(2026, 12, 18))
    due = upcoming_deadlines(db, within_days=60, today=date(2027, 1, 6))
    (rfi,) = [d for d in due if d.application_ref == "LA-2026-0001"]
    # 20 working days: 25, 26 (its substitute 28) December and 1 January skipped.
    assert (rfi.kind, rfi.due_on) == ("info_request_due", date(2027, 1, 20))
    assert "NTE 2024/01, 20 working days" in rfi.title
    ics = to_ics(due, stamp=NOW).replace("\r\n ", "")
    assert "DESCRIPTION:ECJU: 20 working days\\, the regulator's practice" in ics
    assert "England and Wales bank holidays skipped" in ics
    detail = get_application(db, "LA-2026-0001")
    assert detail.clock is not None and detail.clock.stopped_now
    text = " ".join(f"{x.label} {x.text}" for x in clock_lines(detail.clock, date(2027, 1, 6)))
    assert "ECJU service targets: 20 working days" in text and "a target, not a legal limit" in text
    assert "stopped now: waiting for our answer to ECJU's request" in text
    assert not US_LAW.search(text + " ".join(d.title + d.note for d in due))


def test_a_ddtc_denial_may_be_reconsidered_and_has_no_time_limit(db: Database) -> None:
    make_application(db, "LA-2026-0002", regulator="DDTC", status="submitted")
    _go(db, "LA-2026-0002", S.REGISTERED, date(2026, 10, 1), regulator_ref="DDTC-123")
    _go(db, "LA-2026-0002", S.DENIED, date(2026, 12, 20))
    due = upcoming_deadlines(db, within_days=60, today=date(2027, 1, 6))
    (reconsider,) = [d for d in due if d.application_ref == "LA-2026-0002"]
    assert (reconsider.kind, reconsider.due_on) == ("reconsideration_window", date(2027, 1, 19))
    assert "22 CFR 126.7" in reconsider.title and "unconfirmed" in reconsider.title
    detail = get_application(db, "LA-2026-0002")
    assert detail.clock is not None and detail.clock.limits == ()
    words = " ".join(x.text for x in clock_lines(detail.clock, date(2027, 1, 6)))
    assert "DDTC: no regulatory time limit" in words and not US_LAW.search(words)
    _go(db, "LA-2026-0002", S.RECONSIDERATION, date(2027, 1, 5))
    assert get_application(db, "LA-2026-0002").row.status == "reconsideration"


def test_a_bis_pre_license_check_stops_the_clock(db: Database) -> None:
    make_application(db, "LA-2026-0003", regulator="BIS", status="submitted")
    _go(db, "LA-2026-0003", S.REGISTERED, date(2026, 10, 1), regulator_ref="Z1234567")
    _go(db, "LA-2026-0003", S.REFERRED, date(2026, 10, 5))
    _go(db, "LA-2026-0003", S.PRE_LICENSE_CHECK, date(2026, 10, 10))
    _go(db, "LA-2026-0003", S.REFERRED, date(2026, 11, 9))  # 30 days stopped
    _go(db, "LA-2026-0003", S.INTENT_TO_DENY, date(2026, 12, 1))
    clock = get_application(db, "LA-2026-0003").clock
    assert clock is not None and clock.stopped_days == 30
    assert clock.due("limit") == date(2027, 1, 29)  # 90 + 30 days after 1 October
    due = upcoming_deadlines(db, within_days=60, today=date(2026, 12, 5))
    assert [(d.kind, d.due_on) for d in due if d.application_ref == "LA-2026-0003"] == [
        ("intent_to_deny_response", date(2026, 12, 21))]
    _go(db, "LA-2026-0003", S.APPROVED, date(2027, 1, 4), license_no="D7654321",
        valid_until=date(2031, 1, 3))  # an intent to deny may end in approval


def test_a_uk_licence_suspension_is_recorded_on_the_licence(db: Database) -> None:
    make_application(db, "LA-2026-0004", regulator="ECJU", status="submitted")
    _go(db, "LA-2026-0004", S.REGISTERED, date(2026, 10, 1), regulator_ref="GBSIEL/2026/4")
    _go(db, "LA-2026-0004", S.APPROVED, date(2026, 11, 2), license_no="GBSIEL/2026/4",
        valid_until=date(2028, 11, 1))
    _go(db, "LA-2026-0004", S.SUSPENDED, date(2027, 1, 5), note="ECJU notice of suspension")
    with db.reading() as session:
        lic = session.query(License).one()
        assert (lic.state, lic.state_reason) == ("suspended", "ECJU notice of suspension")
    assert get_application(db, "LA-2026-0004").row.status_label == "Licence suspended"


def test_show_says_what_each_clock_means(db: Database, db_url: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    make_application(db, "LA-2026-0005", regulator="ECJU", status="submitted")
    make_application(db, "LA-2026-0006", regulator="DDTC", status="submitted")
    _go(db, "LA-2026-0006", S.REGISTERED, date(2026, 10, 1), regulator_ref="DDTC-6")
    capsys.readouterr()
    assert main(["--db", db_url, "show", "LA-2026-0005"]) == 0
    uk = capsys.readouterr().out
    assert "Regulator's clock:  ECJU service targets: 20 working days (England and Wales " \
           "bank holidays skipped)" in uk and "a target, not a legal limit" in uk
    assert main(["--db", db_url, "show", "LA-2026-0006"]) == 0
    us = capsys.readouterr().out
    assert "DDTC: no regulatory time limit" in us
    assert not US_LAW.search(uk + us) and "90-day" not in uk + us
