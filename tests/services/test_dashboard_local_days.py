"""Days to decision counted by the database (GROUP BY on local days) give the same numbers as
counting each application's local days in Python, in time zones with summer time, half-hour
offsets and half-hour summer time, for moments near local midnight and the zone's changes."""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from statistics import median

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.domain.days import local_day
from licenseapp.services.follow_up.dashboard import dashboard_summary
from licenseapp.services.follow_up.local_days import offset_periods
from licenseapp.store.models import Application, StatusEvent

#: Moments near the changes of summer time (New York, Lord Howe) and local midnights.
_NEAR = (
    datetime(2026, 3, 8, 6, 59, tzinfo=UTC), datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
    datetime(2026, 11, 1, 5, 59, tzinfo=UTC), datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
    datetime(2026, 4, 4, 14, 59, tzinfo=UTC), datetime(2026, 4, 4, 15, 0, tzinfo=UTC),
    datetime(2026, 10, 3, 15, 29, tzinfo=UTC), datetime(2026, 10, 3, 15, 31, tzinfo=UTC),
    datetime(2026, 5, 1, 18, 29, 59, tzinfo=UTC), datetime(2026, 5, 1, 18, 30, tzinfo=UTC),
    datetime(2026, 6, 1, 23, 59, 59, 999999, tzinfo=UTC), datetime(2026, 6, 2, 0, 0, tzinfo=UTC),
    datetime(2026, 1, 1, 4, 59, tzinfo=UTC), datetime(2026, 1, 1, 5, 0, tzinfo=UTC),
)
_DECISIONS = ("approved", "denied", "returned_without_action", "license_not_required",
              "approved_with_conditions")


@pytest.fixture(params=["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's local time zone for the test, as the user's computer may have it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def _history(db) -> None:  # type: ignore[no-untyped-def]
    """Forty applications: submitted (some twice) near a zone's change or a midnight, then
    decided minutes, hours or weeks later (a few never, a few before the submission)."""
    chooser = random.Random(19)
    regulators = ("BIS", "DDTC", "ECJU")
    for n in range(40):
        make_application(db, f"LA-2026-{n + 1:04d}", regulator=regulators[n % 3])
    with db.unit_of_work() as session:
        apps = session.scalars(select(Application).order_by(Application.id)).all()
        for n, app in enumerate(apps):
            submitted = chooser.choice(_NEAR) + timedelta(days=chooser.choice((0, 0, 1, -1)))
            later = timedelta(minutes=chooser.choice((0, 1, 30, 61, 60 * 23, 60 * 25)),
                              days=chooser.choice((0, 0, 1, 6, 30, 45, 200)))
            events = [("submitted", submitted)]
            if n % 7 == 3:
                events.append(("submitted", submitted + timedelta(days=3)))  # resubmitted
            if n % 11 != 5:  # undecided otherwise
                decided = submitted - timedelta(hours=2) if n % 13 == 4 else submitted + later
                events.append((chooser.choice(_DECISIONS), decided))
            for status, moment in events:
                session.add(StatusEvent(application_id=app.id, from_status="draft",
                                        to_status=status, occurred_at=moment,
                                        recorded_at=moment, actor="tester"))


def _counted_in_python(db) -> dict[str, tuple[int, float | None]]:  # type: ignore[no-untyped-def]
    """Each application's days between the local days of its first submission and first
    decision, in Python (what the dashboard did before it counted in the database)."""
    firsts: dict[tuple[int, str], dict[str, datetime]] = defaultdict(dict)
    with db.reading() as session:
        for app_id, regulator, status, moment in session.execute(
                select(Application.id, Application.regulator_code, StatusEvent.to_status,
                       StatusEvent.occurred_at)
                .join(Application, Application.id == StatusEvent.application_id)):
            kind = "submitted" if status == "submitted" else "decided" if status in \
                _DECISIONS else ""
            if kind and (kind not in firsts[app_id, regulator]
                         or moment < firsts[app_id, regulator][kind]):
                firsts[app_id, regulator][kind] = moment
    days: dict[str, list[int]] = defaultdict(list)
    for (_, regulator), found in firsts.items():
        if "submitted" in found and "decided" in found:
            elapsed = (local_day(found["decided"]) - local_day(found["submitted"])).days
            if elapsed >= 0:
                days[regulator].append(elapsed)
    return {r: (len(days[r]), float(median(days[r])) if days[r] else None)
            for r in ("BIS", "DDTC", "ECJU")}


def test_days_to_decision_are_the_local_days_python_counts(db, zone: str) -> None:  # type: ignore[no-untyped-def]
    _history(db)
    summary = dashboard_summary(db)
    got = {t.regulator: (t.decided, t.median_days) for t in summary.decision_times}
    expected = _counted_in_python(db)
    assert got == expected
    assert sum(decided for decided, _ in got.values()) > 25


def test_the_zone_changes_are_found_to_the_second(zone: str) -> None:
    periods = offset_periods(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    for (start, offset), following in zip(periods, [*periods[1:], None], strict=True):
        assert start.astimezone().utcoffset() == timedelta(seconds=offset)
        if following is not None:
            just_before = following[0] - timedelta(seconds=1)
            assert just_before.astimezone().utcoffset() == timedelta(seconds=offset)
    expected_changes = {"UTC": 0, "Asia/Kolkata": 0, "America/New_York": 2,
                        "Australia/Lord_Howe": 2}[zone]
    assert len(periods) == 1 + expected_changes
