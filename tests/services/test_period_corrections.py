"""A team corrects an unconfirmed period (#17: figures not checked against their source):
kept in the database with who and when and its source, audited, installed when the database
is opened, and every deadline and clock counts with it and says the team corrected it;
a confirmed period is not correctable (SQLite, and PostgreSQL when asked)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import make_application
from sqlalchemy import select, text

from licenseapp.context import AppContext
from licenseapp.domain.clock_words import clock_lines
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.period_corrections import install, installed
from licenseapp.errors import ValidationError
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.period_corrections import (
    correct_calendar,
    correct_period,
    correctable_periods,
    read_calendar_corrections,
    undo_calendar_correction,
    undo_period_correction,
)
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry

NOW = datetime(2027, 1, 6, 16, 0, tzinfo=UTC)
SOURCE = "refusal letter GBSIEL/2026/0000009 of 20 Dec 2026"


@pytest.fixture(autouse=True)
def _none_installed_after() -> Iterator[None]:
    yield
    install(())  # the next test's database has none


def _go(db: Database, ref: str, target: S, on: date, **kw: object) -> None:
    change_status(db, StatusChange(ref, target, on=on, **kw),  # type: ignore[arg-type]
                  actor="mchen", now=NOW)


def _refused_uk_case(db: Database) -> None:
    make_application(db, "LA-2026-0009", regulator="ECJU", status="submitted")
    _go(db, "LA-2026-0009", S.REGISTERED, date(2026, 11, 2),
        regulator_ref="GBSIEL/2026/0000009/P")
    _go(db, "LA-2026-0009", S.DENIED, date(2026, 12, 20))


def _appeal(db: Database):  # type: ignore[no-untyped-def]
    due = upcoming_deadlines(db, within_days=60, today=date(2027, 1, 6))
    (appeal,) = [d for d in due if d.kind == "appeal_window"]
    return appeal


def test_a_corrected_appeal_period_is_counted_and_says_who_corrected_it(db: Database) -> None:
    _refused_uk_case(db)
    before = _appeal(db)
    assert before.due_on == date(2027, 1, 17)  # 28 calendar days, as the file has it
    assert "unconfirmed" in before.title
    correct_period(db, "ECJU", "appeal_window", 20, True, SOURCE)
    after = _appeal(db)
    # 20 working days from Sunday 20 December: 25, 28 December and 1 January skipped.
    assert after.due_on == date(2027, 1, 20)
    assert "20 working days, corrected by the team" in after.title
    assert "unconfirmed" not in after.title
    assert f"corrected by the team ({db.actor}, " in after.note and SOURCE in after.note
    assert "was 28 calendar days" in after.note
    with db.reading() as s:
        entry = s.execute(select(AuditEntry).where(
            AuditEntry.entity_id == "period:ECJU:appeal_window")).scalars().one()
    assert SOURCE in entry.summary and entry.actor == db.actor
    # Undone: the file's figure again.
    undo_period_correction(db, "ECJU", "appeal_window")
    assert _appeal(db).due_on == date(2027, 1, 17)


def test_a_corrected_target_is_what_the_clock_counts(db: Database) -> None:
    _refused_uk_case(db)
    correct_period(db, "ECJU", "target", 15, True, "ECJU service and performance code 2027")
    assert lifecycle("ECJU").clock.limits[0].days == 15
    detail = get_application(db, "LA-2026-0009")
    assert detail.clock is not None
    text = " ".join(f"{x.label}: {x.text}" for x in clock_lines(detail.clock, date(2027, 1, 6)))
    assert "ECJU service targets: 15 working days" in text
    assert "Corrected: 15-working-day service target: corrected by the team" in text


def test_a_confirmed_period_or_a_bare_figure_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="confirmed against its source"):
        correct_period(db, "BIS", "appeal_window", 30, False, "a letter")
    with pytest.raises(ValidationError, match="where the corrected figure comes from"):
        correct_period(db, "DDTC", "reconsideration_window", 20, False, "  ")
    with pytest.raises(ValidationError, match="from 1 to 365 days"):
        correct_period(db, "DDTC", "reconsideration_window", 0, False, "22 CFR 126.7")
    assert installed() == ()


def test_opening_the_database_installs_its_corrections(db: Database, db_url: str) -> None:
    correct_period(db, "DDTC", "reconsideration_window", 20, False, "22 CFR 126.7 (eCFR)")
    install(())
    assert lifecycle("DDTC").deadlines[S.DENIED][0].days == 30
    other = AppContext("mchen").open_database(db_url)
    try:
        assert lifecycle("DDTC").deadlines[S.DENIED][0].days == 20
        rows = {(c.regulator, c.key): c for c in correctable_periods(other)}
        found = rows["DDTC", "reconsideration_window"]
        assert (found.filed.days, found.now.days) == (30, 20)
        assert found.correction is not None and found.correction.note == "22 CFR 126.7 (eCFR)"
        # Only unconfirmed periods are offered; BIS's sourced ones are not.
        assert ("BIS", "appeal_window") not in rows and ("ECJU", "appeal_window") in rows
    finally:
        other.dispose()


def test_a_correction_is_sealed_like_every_record(db: Database) -> None:
    correct_period(db, "ECJU", "appeal_window", 21, False, "refusal letter")
    assert verify(db).ok
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE team_settings SET value = "
                          "'{\"days\": 90, \"count\": \"calendar\", \"note\": \"x\"}'"))
    assert any(f.table == "team_settings" for f in verify(db).findings)


def test_a_team_counts_ecju_working_days_by_scotlands_holidays(db: Database) -> None:
    """St Andrew's Day (Monday 30 November 2026) is a bank holiday in Scotland only."""
    (answer,) = lifecycle("ECJU").deadlines[S.INFO_REQUESTED]
    assert answer.due(date(2026, 11, 20)) == date(2026, 12, 18)
    correct_calendar(db, "ECJU", "SCT", "ECJU's letter of 2 March 2027")
    (answer,) = lifecycle("ECJU").deadlines[S.INFO_REQUESTED]
    assert answer.due(date(2026, 11, 20)) == date(2026, 12, 21)
    assert "Scotland bank holidays skipped" in answer.count.words
    assert lifecycle("ECJU").clock.count.holidays is not None
    assert "Corrected by the team" in lifecycle("ECJU").clock.count.holidays.why
    (kept,) = read_calendar_corrections(db)
    assert (kept.regulator, kept.subdivision, kept.by) == ("ECJU", "SCT", db.actor)
    with pytest.raises(ValidationError, match="counts no working days"):
        correct_calendar(db, "DDTC", "SCT", "a letter")
    with pytest.raises(ValidationError, match="Scotland"):
        correct_calendar(db, "ECJU", "XX", "a letter")
    undo_calendar_correction(db, "ECJU")
    (answer,) = lifecycle("ECJU").deadlines[S.INFO_REQUESTED]
    assert answer.due(date(2026, 11, 20)) == date(2026, 12, 18)
