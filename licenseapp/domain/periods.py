"""Periods of time a regulator's rule gives, as the lifecycle files state them.

A period is a number of days counted one way (calendar days, or working days skipping a
named holiday calendar), with what it is for, its citation, whether it binds (a legal time
limit) or is a published target, and whether its figure has been checked against the
source. Nothing here names a number of days: every figure comes from
``resources/lifecycles/<REGULATOR>.json``.

Counting: a period of *n* days from a day *S* ends on the day by which *n* counted days
have passed after *S* (the day itself is day 0). Working days skip Saturdays, Sundays and
the calendar's holidays, as the maintained ``holidays`` package lists them (substitute days
included: Boxing Day 2026 falls on a Saturday, so Monday 28 December is the bank holiday).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

SATURDAY = 5


@cache
def _holidays(country: str, subdivision: str, year: int) -> frozenset[date]:
    import holidays

    days = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return frozenset(days)


@dataclass(frozen=True)
class HolidayCalendar:
    """A country's (or one of its parts') public holidays, e.g. England and Wales."""

    country: str
    subdivision: str
    name: str  # "England and Wales bank holidays"
    why: str = ""  # why this calendar (ECJU is UK-wide; Scotland and NI differ)

    def is_holiday(self, day: date) -> bool:
        return day in _holidays(self.country, self.subdivision, day.year)


@dataclass(frozen=True)
class DayCount:
    """How days are counted: every calendar day, or working days only."""

    working: bool = False
    holidays: HolidayCalendar | None = None

    def counts(self, day: date) -> bool:
        if not self.working:
            return True
        if day.weekday() >= SATURDAY:
            return False
        return self.holidays is None or not self.holidays.is_holiday(day)

    def between(self, after: date, upto: date) -> int:
        """Counted days after ``after`` up to and including ``upto`` (0 if none)."""
        if upto <= after:
            return 0
        if not self.working:
            return (upto - after).days
        return sum(1 for n in range(1, (upto - after).days + 1)
                   if self.counts(after + timedelta(days=n)))

    def add(self, start: date, count: int, skip: Callable[[date], bool] | None = None) -> date:
        """The day by which ``count`` counted days have passed after ``start``, leaving out
        the days ``skip`` names (a stopped clock)."""
        day, counted = start, 0
        while counted < count:
            day += timedelta(days=1)
            if self.counts(day) and not (skip is not None and skip(day)):
                counted += 1
        return day

    def span_at_most(self, count: int) -> int:
        """A bound on the calendar days ``count`` counted days can span (to narrow a query):
        weekends take two days in seven, and holidays far fewer than the rest."""
        return 2 * count + 7 if self.working else count

    @property
    def unit(self) -> str:
        """``day`` or ``working-day`` (as in "a 20-working-day target")."""
        return "working-day" if self.working else "day"

    @property
    def words(self) -> str:
        """``calendar days`` or ``working days (England and Wales bank holidays skipped)``."""
        if not self.working:
            return "calendar days"
        if self.holidays is None:
            return "working days (weekends skipped)"
        return f"working days ({self.holidays.name} skipped)"

    def plural(self, n: int) -> str:
        """``20 working days``, ``1 calendar day``."""
        noun = "working day" if self.working else "calendar day"
        return f"{n} {noun}{'s' if n != 1 else ''}"


#: What a period is, as the lifecycle files say it.
BINDING_WORDS = {
    "legal": "a legal time limit",
    "target": "a target, not a legal limit",
    "practice": "the regulator's practice, not a legal limit",
    "assumed": "assumed: the regulator sets the period in its request",
}


@dataclass(frozen=True)
class Period:
    """A number of days, counted one way, with what it is for and where it comes from."""

    key: str
    days: int
    count: DayCount
    name: str  # "referral step", "limit", "service target"
    what: str  # what happens by its end: "respond to the intent to deny"
    citation: str
    binding: str = "legal"
    confirmed: bool = True
    confirm_at: str = ""  # where to confirm an unconfirmed figure
    note: str = ""
    #: The team's correction of an unconfirmed figure, in words ("by alice on 2026-12-07,
    #: was 28 calendar days; source: …"); "" when the file's figure stands.
    corrected: str = ""

    @property
    def label(self) -> str:
        """``9-day referral step``, ``20-working-day service target``."""
        return f"{self.days}-{self.count.unit} {self.name}"

    def due(self, since: date, skip: Callable[[date], bool] | None = None) -> date:
        return self.count.add(since, self.days, skip)

    @property
    def flag(self) -> str:
        """``, corrected by the team``, ``, unconfirmed`` or nothing (a confirmed figure)."""
        if self.corrected:
            return ", corrected by the team"
        return ", unconfirmed" if not self.confirmed else ""

    @property
    def source(self) -> str:
        """``15 CFR 750.6, 20 calendar days`` (``, unconfirmed`` when not checked,
        ``, corrected by the team`` when the team set the figure)."""
        return f"{self.citation}, {self.count.plural(self.days)}{self.flag}"

    @property
    def confirm_words(self) -> str:
        """``unconfirmed: confirm in …`` for a figure not checked against its source;
        ``corrected by the team by alice on …`` for one the team set."""
        if self.corrected:
            return f"corrected by the team {self.corrected}"
        if self.confirmed:
            return ""
        return "unconfirmed" + (f": confirm in {self.confirm_at}" if self.confirm_at else "")

    @property
    def meaning(self) -> str:
        """``20 working days, a target, not a legal limit``."""
        return f"{self.count.plural(self.days)}, {BINDING_WORDS.get(self.binding, self.binding)}"


def parse_calendars(raw: Mapping[str, Any]) -> dict[str, HolidayCalendar]:
    return {
        key: HolidayCalendar(str(c["country"]), str(c.get("subdivision", "")), str(c["name"]),
                             str(c.get("why", "")))
        for key, c in raw.items()
    }


def parse_count(raw: Mapping[str, Any], calendars: Mapping[str, HolidayCalendar],
                default: DayCount | None = None) -> DayCount:
    """``{"count": "working", "holidays": "UK"}`` (a calendar the file names)."""
    kind = raw.get("count")
    if kind is None:
        return default or DayCount()
    if kind not in ("calendar", "working"):
        raise ValueError(f"days are counted as calendar or working, not {kind!r}")
    if kind == "calendar":
        return DayCount()
    name = raw.get("holidays")
    if name is not None and name not in calendars:
        raise ValueError(f"no holiday calendar {name!r} in the file")
    return DayCount(True, calendars[name] if name is not None else None)


def parse_period(raw: Mapping[str, Any], calendars: Mapping[str, HolidayCalendar],
                 default: DayCount | None = None) -> Period:
    days = raw["days"]
    if not isinstance(days, int) or days < 1:
        raise ValueError(f"period {raw.get('key')!r}: days must be a whole number above 0")
    binding = str(raw.get("binding", "legal"))
    if binding not in BINDING_WORDS:
        raise ValueError(f"period {raw.get('key')!r}: binding is one of {', '.join(BINDING_WORDS)}")
    return Period(
        key=str(raw["key"]), days=days, count=parse_count(raw, calendars, default),
        name=str(raw.get("name", "")), what=str(raw.get("what", "")),
        citation=str(raw["citation"]), binding=binding,
        confirmed=bool(raw.get("confirmed", True)), confirm_at=str(raw.get("confirm_at", "")),
        note=str(raw.get("note", "")),
    )
