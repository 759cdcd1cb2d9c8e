"""The dashboard's numbers: the pipeline by status and regulator, ageing, time to decision.

Counting happens in the database (``GROUP BY``), so the dashboard costs a few small result
sets whatever the size of the database; the days from submission to the first decision
come back as how many applications took each number of days, and the median is read from
those counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from licenseapp.domain.deadlines import Deadline
from licenseapp.domain.enums import (
    LICENSED_STATUSES,
    PENDING_STATUSES,
    ApplicationStatus,
    Regulator,
)
from licenseapp.services.follow_up.local_days import as_utc, local_day_number, offset_periods
from licenseapp.store.base import UTCDateTime
from licenseapp.store.database import Database
from licenseapp.store.models import Application, StatusEvent

#: The regulator's decisions that end the wait (a withdrawal is the applicant's, not one).
DECISIONS: frozenset[ApplicationStatus] = LICENSED_STATUSES | {
    ApplicationStatus.DENIED,
    ApplicationStatus.RETURNED_WITHOUT_ACTION,
    ApplicationStatus.LICENSE_NOT_REQUIRED,
}

#: Ageing buckets of pending applications: (first day, last day or None, label).
AGE_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 30, "0–30 days"),
    (31, 60, "31–60 days"),
    (61, 90, "61–90 days"),
    (91, None, "over 90 days"),
)

_STATUS_ORDER = {status.value: n for n, status in enumerate(ApplicationStatus)}


@dataclass(frozen=True)
class StatusCount:
    """How many applications are in one status, per regulator (in ``regulators`` order)."""

    status: str
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AgeBucket:
    label: str
    first_day: int
    last_day: int | None
    count: int


@dataclass(frozen=True)
class DecisionTime:
    """Days from the first submission to the regulator's first decision."""

    regulator: str
    decided: int  # applications decided (with a recorded submission)
    median_days: float | None


@dataclass(frozen=True)
class DashboardSummary:
    today: date
    regulators: tuple[str, ...]
    by_status: tuple[StatusCount, ...]  # statuses that occur, in lifecycle order
    by_regulator: tuple[tuple[str, int], ...]
    ageing: tuple[AgeBucket, ...]
    pending_without_date: int  # pending, but no submission date recorded
    decision_times: tuple[DecisionTime, ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_regulator)

    @property
    def pending(self) -> int:
        return sum(b.count for b in self.ageing) + self.pending_without_date


def dashboard_summary(db: Database, *, today: date | None = None) -> DashboardSummary:
    """Everything the dashboard charts, counted by the database."""
    today = today or db.clock.today()
    regulators = tuple(r.value for r in Regulator)
    with db.reading() as session:
        pairs = session.execute(
            select(Application.status, Application.regulator_code, func.count(Application.id))
            .group_by(Application.status, Application.regulator_code)
        ).all()
        bucket = case(
            *(
                (Application.submitted_on >= today - timedelta(days=last), n)
                for n, (_, last, _) in enumerate(AGE_BUCKETS)
                if last is not None
            ),
            else_=len(AGE_BUCKETS) - 1,
        )
        pending = [s.value for s in PENDING_STATUSES]
        dated = (
            select(bucket.label("bucket"))
            .where(Application.status.in_(pending), Application.submitted_on.is_not(None))
            .subquery()
        )
        ages: dict[int, int] = {
            int(n): int(count)
            for n, count in session.execute(
                select(dated.c.bucket, func.count()).group_by(dated.c.bucket)
            ).all()
        }
        undated = session.execute(
            select(func.count(Application.id)).where(
                Application.status.in_(pending), Application.submitted_on.is_(None)
            )
        ).scalar_one()
        decision_days = _decision_days(session)
    return DashboardSummary(
        today=today,
        regulators=regulators,
        by_status=_status_counts(pairs, regulators),
        by_regulator=tuple(
            (r, sum(n for _, reg, n in pairs if reg == r)) for r in regulators
        ),
        ageing=tuple(
            AgeBucket(label, first, last, int(ages.get(n, 0)))
            for n, (first, last, label) in enumerate(AGE_BUCKETS)
        ),
        pending_without_date=int(undated),
        decision_times=tuple(
            DecisionTime(r, sum(n for _, n in decision_days[r]),
                         _median_of_counts(decision_days[r]))
            for r in regulators
        ),
    )


def _status_counts(
    pairs: Sequence[tuple[str, str, int]], regulators: tuple[str, ...]
) -> tuple[StatusCount, ...]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(regulators))
    for status, regulator, n in pairs:
        if regulator in regulators:
            counts[status][regulators.index(regulator)] += int(n)
    ordered = sorted(counts, key=lambda s: _STATUS_ORDER.get(s, len(_STATUS_ORDER)))
    return tuple(StatusCount(s, _label(s), tuple(counts[s])) for s in ordered)


def _label(status: str) -> str:
    try:
        return ApplicationStatus(status).label
    except ValueError:
        return status


def _decision_days(session: Session) -> dict[str, list[tuple[int, int]]]:
    """Per regulator, how many applications took how many days from their first submission
    to their first decision: (days, applications) pairs.

    One grouped query over the history: the earliest submission and the earliest decision
    of each application, then the days between their local days counted by the database
    (:mod:`.local_days`), so a few hundred groups come back rather than a row for every
    application decided.
    """
    decisions = [s.value for s in DECISIONS]
    wanted = (StatusEvent.kind == "status",
              StatusEvent.to_status.in_([ApplicationStatus.SUBMITTED.value, *decisions]))
    first, last = session.execute(
        select(func.min(StatusEvent.occurred_at), func.max(StatusEvent.occurred_at))
        .where(*wanted)
    ).one()
    days: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if first is None or last is None:
        return days
    submitted = func.min(
        case((StatusEvent.to_status == ApplicationStatus.SUBMITTED.value,
              StatusEvent.occurred_at)), type_=UTCDateTime,
    )
    decided = func.min(
        case((StatusEvent.to_status.in_(decisions), StatusEvent.occurred_at)), type_=UTCDateTime,
    )
    firsts = (
        select(Application.regulator_code.label("regulator"), submitted.label("submitted"),
               decided.label("decided"))
        .join(Application, Application.id == StatusEvent.application_id)
        .where(*wanted)
        .group_by(StatusEvent.application_id, Application.regulator_code)
        .subquery()
    )
    periods = offset_periods(as_utc(first), as_utc(last))
    dialect = session.get_bind().dialect.name
    elapsed = (local_day_number(firsts.c.decided, periods, dialect)
               - local_day_number(firsts.c.submitted, periods, dialect)).label("elapsed")
    each = (select(firsts.c.regulator, elapsed)
            .where(firsts.c.submitted.is_not(None), firsts.c.decided.is_not(None))
            .subquery())
    rows = session.execute(
        select(each.c.regulator, each.c.elapsed, func.count())
        .group_by(each.c.regulator, each.c.elapsed)
    ).all()
    for regulator, count_days, count in rows:
        if count_days >= 0:
            days[regulator].append((int(count_days), int(count)))
    return days


def _median_of_counts(counts: Sequence[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many times), as ``statistics.median``."""
    total = sum(n for _, n in counts)
    if not total:
        return None
    middle = {(total - 1) // 2, total // 2}  # the places of the middle one or two
    picked: list[int] = []
    seen = 0
    for value, n in sorted(counts):
        picked += [value] * sum(seen <= place < seen + n for place in middle)
        seen += n
    return sum(picked) / len(picked)


@dataclass(frozen=True)
class DeadlineCounts:
    """What is due, as the status bar and the dashboard say it."""

    overdue: int
    due_today: int
    due_this_week: int  # today and the next 7 days
    due_this_month: int  # today and the next 30 days
    #: (kind, overdue or due within 30 days), most first.
    by_kind: tuple[tuple[str, int], ...] = ()

    def summary(self) -> str:
        """E.g. "3 due this week, 1 overdue"; "Nothing due this week" when so."""
        parts = []
        if self.due_this_week:
            parts.append(f"{self.due_this_week} due this week")
        if self.overdue:
            parts.append(f"{self.overdue} overdue")
        return ", ".join(parts) if parts else "Nothing due this week"


def count_deadlines(deadlines: Iterable[Deadline], today: date) -> DeadlineCounts:
    """Count open deadlines by how soon they fall due."""
    overdue = due_today = week = month = 0
    kinds: dict[str, int] = defaultdict(int)
    for deadline in deadlines:
        days = deadline.days_left(today)
        if days <= 30:
            kinds[deadline.kind] += 1
        if days < 0:
            overdue += 1
            continue
        due_today += days == 0
        week += days <= 7
        month += days <= 30
    by_kind = tuple(sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0])))
    return DeadlineCounts(overdue, due_today, week, month, by_kind)


__all__: Sequence[str] = [
    "AGE_BUCKETS", "AgeBucket", "DashboardSummary", "DeadlineCounts", "DecisionTime",
    "StatusCount", "count_deadlines", "dashboard_summary",
]
