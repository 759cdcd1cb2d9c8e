"""Days are the user's calendar days. Moments are stored in UTC; the day a letter arrived, a
status changed or a deadline counts from is the local one. Run in California (UTC-8), New
Zealand (UTC+13) and UTC, through the real services and database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import complete_for_filing, make_application
from zones import local_zone

from licenseapp.domain.days import local_day, moment_of_day
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.errors import ValidationError
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import Database

ZONES = ["America/Los_Angeles", "Pacific/Auckland", "UTC"]


@pytest.fixture
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's local time zone for the test (as the user's machine would have it)."""
    name: str = request.param
    with local_zone(name):
        yield name


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in the test's zone, as the aware UTC moment the app stores."""
    return datetime(year, month, day, hour, minute).astimezone().astimezone(UTC)


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_an_evening_intent_to_deny_counts_from_that_evenings_day(db: Database, zone: str) -> None:
    make_application(db, status="registered", visa_expires=None)
    evening = local(2026, 11, 20, 17, 30)  # in California already the 21st in UTC
    change_status(db, StatusChange("LA-2026-0001", S.INTENT_TO_DENY), actor="mchen",
                  now=evening)
    due = upcoming_deadlines(db, within_days=60, today=date(2026, 11, 21))
    assert [(d.kind, d.due_on) for d in due] == [
        ("intent_to_deny_response", date(2026, 12, 10))]  # 20 days after 20 November
    detail = get_application(db, "LA-2026-0001")
    assert [(d.kind, d.due_on) for d in detail.deadlines] == [
        ("intent_to_deny_response", date(2026, 12, 10))]


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_a_given_date_stays_that_date_in_any_zone(db: Database, zone: str) -> None:
    make_application(db, status="ready", visa_expires=None)
    complete_for_filing(db)
    now = local(2026, 11, 27, 9, 0)
    change_status(db, StatusChange("LA-2026-0001", S.SUBMITTED, on=date(2026, 11, 20)),
                  actor="mchen", now=now)
    change_status(db, StatusChange("LA-2026-0001", S.REGISTERED, on=date(2026, 11, 24),
                                   regulator_ref="Z1234567"), actor="mchen", now=now)
    detail = get_application(db, "LA-2026-0001")
    assert detail.row.submitted_on == date(2026, 11, 20)
    assert [local_day(e.occurred_at) for e in detail.events][-2:] == [
        date(2026, 11, 20), date(2026, 11, 24)]
    # The regulator's clock starts on the day of registration, wherever the user is.
    assert detail.clock is not None and detail.clock.started_on == date(2026, 11, 24)


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_today_can_be_given_before_noon(db: Database, zone: str) -> None:
    make_application(db, status="ready", visa_expires=None)
    complete_for_filing(db)
    morning = local(2026, 11, 27, 8, 15)
    change_status(db, StatusChange("LA-2026-0001", S.SUBMITTED, on=date(2026, 11, 27)),
                  actor="mchen", now=morning)
    assert get_application(db, "LA-2026-0001").row.submitted_on == date(2026, 11, 27)
    with pytest.raises(ValidationError, match="future"):
        change_status(db, StatusChange("LA-2026-0001", S.REGISTERED, on=date(2026, 11, 28),
                                       regulator_ref="Z1234567"), actor="mchen", now=morning)


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_a_change_given_for_the_day_of_the_last_one_comes_after_it(
        db: Database, zone: str) -> None:
    make_application(db, status="ready", visa_expires=None)
    complete_for_filing(db)
    afternoon = local(2026, 11, 20, 15, 0)
    change_status(db, StatusChange("LA-2026-0001", S.SUBMITTED), actor="mchen", now=afternoon)
    change_status(db, StatusChange("LA-2026-0001", S.REGISTERED, on=date(2026, 11, 20),
                                   regulator_ref="Z1234567"), actor="mchen",
                  now=local(2026, 11, 27, 9, 0))
    events = get_application(db, "LA-2026-0001").events
    assert [e.to_status for e in events][-2:] == ["submitted", "registered"]
    assert events[-1].occurred_at >= events[-2].occurred_at


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_noon_of_a_day_is_that_day_locally(zone: str) -> None:
    now = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    for day in (date(2024, 2, 29), date(2026, 3, 8), date(2026, 11, 1), date(2026, 12, 31)):
        assert local_day(moment_of_day(day, now)) == day  # DST changes and leap day too
    assert moment_of_day(local_day(now), now) == now
