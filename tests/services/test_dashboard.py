"""The dashboard's numbers, counted by the database, checked against the records themselves."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from statistics import median

import pytest
from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.deadlines import Deadline
from licenseapp.domain.enums import PENDING_STATUSES, ApplicationStatus
from licenseapp.services.follow_up.dashboard import (
    DECISIONS,
    count_deadlines,
    dashboard_summary,
)
from licenseapp.store.database import Database
from licenseapp.store.models import Application, StatusEvent


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The default demo (100 applications) on the backend under test, made once."""
    from dbsupport import postgres_url, reset_postgres

    from licenseapp.store.database import open_database

    url = postgres_url()
    if url:
        reset_postgres(url)
    else:
        url = str(tmp_path_factory.mktemp("dashboard") / "demo.db")
    db = open_database(url)
    generate_demo(db)
    yield db
    db.dispose()


def _applications(db: Database) -> list[Application]:
    with db.reading() as s:
        return list(s.execute(select(Application)).scalars())


def test_counts_by_status_and_regulator_match_the_applications(demo_db) -> None:
    summary = dashboard_summary(demo_db, today=DEMO_TODAY)
    apps = _applications(demo_db)
    expected = Counter((a.status, a.regulator_code) for a in apps)
    assert summary.total == len(apps) == 100
    assert summary.regulators == ("BIS", "DDTC", "ECJU")
    got = {(row.status, reg): n for row in summary.by_status
           for reg, n in zip(summary.regulators, row.counts, strict=True) if n}
    assert got == dict(expected)
    assert dict(summary.by_regulator) == dict(Counter(a.regulator_code for a in apps))
    order = [row.status for row in summary.by_status]
    assert order == [s.value for s in ApplicationStatus if s.value in order]  # process order
    assert summary.by_status[0].label == "Draft"
    assert {row.status for row in summary.by_status} == {a.status for a in apps}


def test_ageing_buckets_count_pending_applications_by_days_since_submission(demo_db) -> None:
    summary = dashboard_summary(demo_db, today=DEMO_TODAY)
    pending = [a for a in _applications(demo_db)
               if ApplicationStatus(a.status) in PENDING_STATUSES]
    ages = [(DEMO_TODAY - a.submitted_on).days for a in pending if a.submitted_on]
    expected = [sum(0 <= d <= 30 for d in ages), sum(31 <= d <= 60 for d in ages),
                sum(61 <= d <= 90 for d in ages), sum(d > 90 for d in ages)]
    assert [b.count for b in summary.ageing] == expected
    assert [b.label for b in summary.ageing] == [
        "0–30 days", "31–60 days", "61–90 days", "over 90 days"]
    assert summary.pending == len(pending)
    assert summary.pending_without_date == sum(a.submitted_on is None for a in pending)
    assert sum(expected) > 0 and expected[3] > 0  # the demo has old pending cases


def test_median_days_to_decision_per_regulator_from_the_history(demo_db) -> None:
    summary = dashboard_summary(demo_db, today=DEMO_TODAY)
    with demo_db.reading() as s:
        events = s.execute(
            select(Application.regulator_code, StatusEvent.application_id,
                   StatusEvent.to_status, StatusEvent.occurred_at)
            .join(Application, Application.id == StatusEvent.application_id)
            .where(StatusEvent.kind == "status")
            .order_by(StatusEvent.occurred_at, StatusEvent.id)
        ).all()
    first: dict[int, dict[str, date]] = defaultdict(dict)
    regulator_of: dict[int, str] = {}
    decisions = {d.value for d in DECISIONS}
    for regulator, app_id, status, at in events:
        regulator_of[app_id] = regulator
        key = "submitted" if status == "submitted" else "decided" if status in decisions else ""
        if key and key not in first[app_id]:
            first[app_id][key] = at.date()
    days: dict[str, list[int]] = defaultdict(list)
    for app_id, seen in first.items():
        if {"submitted", "decided"} <= set(seen):
            days[regulator_of[app_id]].append((seen["decided"] - seen["submitted"]).days)
    got = {t.regulator: (t.decided, t.median_days) for t in summary.decision_times}
    assert got == {r: (len(days[r]), float(median(days[r])) if days[r] else None)
                   for r in ("BIS", "DDTC", "ECJU")}
    assert all(t.decided > 0 and t.median_days and t.median_days > 0
               for t in summary.decision_times)


def test_an_empty_database_counts_nothing(db) -> None:
    summary = dashboard_summary(db, today=date(2026, 11, 27))
    assert summary.total == 0 and summary.by_status == () and summary.pending == 0
    assert [b.count for b in summary.ageing] == [0, 0, 0, 0]
    assert all(t.median_days is None and t.decided == 0 for t in summary.decision_times)


def test_deadline_counts_say_what_is_due_this_week() -> None:
    today = date(2026, 11, 27)

    def due(days: int, kind: str = "license_expiry") -> Deadline:
        return Deadline(f"k{days}{kind}", kind, today + timedelta(days=days), "t")

    counts = count_deadlines(
        [due(-2), due(0, "visa_expiry"), due(7), due(8), due(30), due(31)], today)
    assert (counts.overdue, counts.due_today, counts.due_this_week, counts.due_this_month) == (
        1, 1, 2, 4)
    assert counts.summary() == "2 due this week, 1 overdue"
    assert counts.by_kind == (("license_expiry", 4), ("visa_expiry", 1))
    assert count_deadlines([due(40)], today).summary() == "Nothing due this week"
    assert count_deadlines([due(-1)], today).summary() == "1 overdue"
