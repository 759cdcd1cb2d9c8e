"""The regulator's clock, computed from the history every time (never a nightly counter).

Each regulator's rule is data (``clock`` in its lifecycle file, :class:`ClockRule`): the
status that starts it, how days count (calendar days, or working days skipping a holiday
calendar), the statuses that stop it while they last (for BIS, every period 15 CFR 750.4(b)
leaves out), its limits counted from the start (BIS's legal limit; ECJU's service targets;
none for DDTC) and its steps counted from a later status (BIS's referral and agency steps).
One reading works for every regulator: :func:`read_clock`.

Counting: the start day is day 0; a stop lasts from the day it was recorded to the day it
ended (that day counts again from the next). A stopped clock moves every due day back by
the days it was stopped; while it is stopped, due days assume it starts again today.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from licenseapp.domain.enums import CLOSED_STATUSES, ApplicationStatus
from licenseapp.domain.periods import (
    DayCount,
    HolidayCalendar,
    Period,
    parse_count,
    parse_period,
)


@dataclass(frozen=True)
class ClockPause:
    """A status that stops the clock while it lasts, why, and where the rule says so."""

    status: ApplicationStatus
    why: str  # "waiting for the applicant's information"
    citation: str
    confirmed: bool = True
    confirm_at: str = ""


@dataclass(frozen=True)
class ClockStep:
    """A period counted from the first time ``starts`` is entered, open while the case
    stays in ``open_while`` (BIS's 30 days for the agencies, from the referral)."""

    period: Period
    starts: ApplicationStatus
    open_while: frozenset[ApplicationStatus]


@dataclass(frozen=True)
class ClockRule:
    """One regulator's clock."""

    regulator: str
    name: str  # "BIS processing time limit"
    meaning: str  # what the clock means, in a sentence or two
    starts: ApplicationStatus | None  # None: the regulator has no clock
    count: DayCount
    pauses: tuple[ClockPause, ...] = ()
    limits: tuple[Period, ...] = ()
    steps: tuple[ClockStep, ...] = ()
    #: A status whose steps the rule does not time here, and why (BIS: escalation).
    untimed: tuple[ApplicationStatus, str] | None = None

    @property
    def stops(self) -> frozenset[ApplicationStatus]:
        return frozenset(p.status for p in self.pauses)

    def pause(self, status: ApplicationStatus) -> ClockPause | None:
        return next((p for p in self.pauses if p.status is status), None)


@dataclass(frozen=True)
class PeriodReading:
    """A limit or step on the day of the reading."""

    period: Period
    due_on: date
    past: bool

    @property
    def key(self) -> str:
        return self.period.key


@dataclass(frozen=True)
class ClockReading:
    rule: ClockRule
    started_on: date | None  # None if never started
    ended_on: date | None  # the decision (or closing), if any
    elapsed_days: int  # days since the start, counted by the rule
    stopped_days: int  # of which the clock was stopped
    stopped_now: bool
    stopped_by: ClockPause | None = None  # why it is stopped now
    limits: tuple[PeriodReading, ...] = ()
    steps: tuple[PeriodReading, ...] = field(default=())  # the open steps only
    status: ApplicationStatus | None = None  # the last status read

    @property
    def counted_days(self) -> int:
        return self.elapsed_days - self.stopped_days

    @property
    def limit(self) -> PeriodReading | None:
        """The first limit (BIS's legal limit, ECJU's primary target), if the rule has one."""
        return self.limits[0] if self.limits else None

    def due(self, key: str) -> date | None:
        found = next((r for r in (*self.limits, *self.steps) if r.key == key), None)
        return found.due_on if found is not None else None

    def past(self, key: str) -> bool:
        return any(r.past for r in (*self.limits, *self.steps) if r.key == key)

    @property
    def flags(self) -> tuple[str, ...]:
        """``past the 9-day referral step``; a target missed says it is a target."""
        out = []
        for r in (*self.steps, *self.limits):
            if r.past:
                out.append(f"past the {r.period.label}")
        return tuple(out)


def read_clock(
    history: Sequence[tuple[ApplicationStatus | str, date]], today: date, rule: ClockRule
) -> ClockReading:
    """Read the clock from ``(status entered, on)`` pairs in the order they happened."""
    events = [(ApplicationStatus(s), d) for s, d in history]
    start = next((d for s, d in events if rule.starts is not None and s is rule.starts), None)
    if start is None:
        return ClockReading(rule, None, None, 0, 0, False)
    stops = rule.stops
    end: date | None = None
    stopped: list[tuple[date, date | None]] = []  # (from, to) with None: still stopped
    seen: list[tuple[ApplicationStatus, date]] = []
    for status, on in events:
        if on < start:
            continue
        if stopped and stopped[-1][1] is None and status not in stops:
            stopped[-1] = (stopped[-1][0], on)
        if status in stops and (not stopped or stopped[-1][1] is not None):
            stopped.append((on, None))
        seen.append((status, on))
        if status in CLOSED_STATUSES:
            end = on
            break
    upto = end or today
    spans = [(a, b if b is not None else upto) for a, b in stopped]
    count = rule.count

    def skip(day: date) -> bool:
        return any(a < day <= b for a, b in spans)

    elapsed = count.between(start, upto)
    stopped_days = sum(count.between(a, min(b, upto)) for a, b in spans)
    counted = elapsed - stopped_days
    limits = tuple(
        PeriodReading(p, p.due(start, skip), counted > p.days) for p in rule.limits
    )
    steps = []
    if end is None:
        for step in rule.steps:
            first = next((i for i, (s, _) in enumerate(seen) if s is step.starts), None)
            if first is None:
                continue
            since = seen[first][1]
            # Open while the case never left the step's statuses (an answered request
            # after registration counts as BIS acting within its referral step).
            if all(s in step.open_while for s, _ in seen[first:]):
                due = step.period.due(since, skip)
                steps.append(PeriodReading(step.period, due, today > due))
    now_stopped = end is None and bool(stopped) and stopped[-1][1] is None
    by = rule.pause(seen[-1][0]) if now_stopped else None
    return ClockReading(
        rule=rule, started_on=start, ended_on=end, elapsed_days=elapsed,
        stopped_days=stopped_days, stopped_now=now_stopped, stopped_by=by,
        limits=limits, steps=tuple(steps), status=seen[-1][0],
    )


def parse_clock(regulator: str, raw: Mapping[str, Any],
                calendars: Mapping[str, HolidayCalendar]) -> ClockRule:
    """The ``clock`` of a lifecycle file (none: a clock that never starts)."""
    count = parse_count(raw, calendars)
    if not raw:
        return ClockRule(regulator, f"{regulator}: no clock", "", None, count)
    pauses = tuple(
        ClockPause(ApplicationStatus(p["status"]), str(p.get("why", "")), str(p["citation"]),
                   bool(p.get("confirmed", True)), str(p.get("confirm_at", "")))
        for p in raw.get("pauses", [])
    )
    steps = tuple(
        ClockStep(parse_period(s, calendars, count), ApplicationStatus(s["from"]),
                  frozenset(ApplicationStatus(x) for x in s.get("open_while", [s["from"]])))
        for s in raw.get("steps", [])
    )
    return ClockRule(
        regulator=regulator, name=str(raw["name"]), meaning=str(raw.get("meaning", "")),
        starts=ApplicationStatus(raw["starts"]), count=count, pauses=pauses,
        limits=tuple(parse_period(p, calendars, count) for p in raw.get("limits", [])),
        steps=steps, untimed=_untimed(raw.get("untimed")),
    )


def _untimed(raw: Mapping[str, Any] | None) -> tuple[ApplicationStatus, str] | None:
    if not raw:
        return None
    return ApplicationStatus(raw["status"]), str(raw["note"])
