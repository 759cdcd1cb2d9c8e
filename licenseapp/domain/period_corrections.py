"""A team's corrections of the periods the lifecycle files mark unconfirmed.

A figure not yet checked against its source (ECJU's appeal period, DDTC's reconsideration
period, ECJU's targets, the days to answer a request) is the file's best reading; a team
that has the refusal letter or the regulator's code in hand corrects it: its days, and
whether they are calendar or working days. A confirmed (sourced) period is never corrected.

The corrections are the team's, kept with its database (:mod:`licenseapp.services.
period_corrections`); the database's opener installs them here, and from then every
deadline and clock (:func:`licenseapp.domain.lifecycle.lifecycle`) counts with them and says
that the team corrected the figure, who, when and on what source.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from licenseapp.domain.periods import DayCount, HolidayCalendar, Period
from licenseapp.errors import ValidationError

if TYPE_CHECKING:
    from licenseapp.domain.lifecycle import Lifecycle

#: How a correction is named where it is kept: ``period:ECJU:appeal_window``.
PREFIX = "period:"
#: The largest figure a correction takes (a year): a bound on what is typed, no regulator's period.
MAX_FIGURE = 365
MAX_NOTE = 120


@dataclass(frozen=True)
class PeriodCorrection:
    """The team's figure for one unconfirmed period, who set it, when, and on what source."""

    regulator: str
    key: str
    days: int
    working: bool
    note: str  # the source the team read: "refusal letter of 3 March 2026"
    by: str = ""
    on: date | None = None

    @property
    def name(self) -> str:
        return f"{PREFIX}{self.regulator}:{self.key}"

    def to_text(self) -> str:
        return json.dumps({"days": self.days, "count": "working" if self.working
                           else "calendar", "note": self.note}, ensure_ascii=False)

    @classmethod
    def from_text(cls, name: str, text: str, by: str = "",
                  on: date | None = None) -> PeriodCorrection:
        _prefix, regulator, key = name.split(":", 2)
        raw = json.loads(text)
        return cls(regulator, key, int(raw["days"]), raw["count"] == "working",
                   str(raw.get("note", "")), by, on)

    def words(self, was: Period) -> str:
        """``(alice, 2026-12-07), was 28 calendar days; source: refusal letter``."""
        return f"{_who(self.by, self.on)}was {was.count.plural(was.days)}; source: {self.note}"


#: Replaced whole, never changed in place: a worker thread installs while the GUI reads.
def _who(by: str, on: date | None) -> str:
    """``(alice, 2026-12-07), `` — who corrected a figure and when, if known."""
    said = ", ".join(x for x in (by, on.isoformat() if on else "") if x)
    return f"({said}), " if said else ""


#: The parts of a country whose holidays a team may count by instead of the file's.
PARTS = {"GB": {"ENG": "England and Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}}
CALENDAR_PREFIX = "calendar:"


@dataclass(frozen=True)
class CalendarCorrection:
    """The team's choice of the holidays a regulator's working days skip (ECJU: which part
    of the UK's bank holidays), who chose it, when, and on what source."""

    regulator: str
    subdivision: str  # "SCT"
    note: str
    by: str = ""
    on: date | None = None

    @property
    def name(self) -> str:
        return f"{CALENDAR_PREFIX}{self.regulator}"

    def to_text(self) -> str:
        return json.dumps({"subdivision": self.subdivision, "note": self.note},
                          ensure_ascii=False)

    @classmethod
    def from_text(cls, name: str, text: str, by: str = "",
                  on: date | None = None) -> CalendarCorrection:
        raw = json.loads(text)
        return cls(name.split(":", 1)[1], str(raw["subdivision"]), str(raw.get("note", "")),
                   by, on)

    def calendar(self, was: HolidayCalendar) -> HolidayCalendar:
        part = PARTS.get(was.country, {}).get(self.subdivision, self.subdivision)
        return HolidayCalendar(was.country, self.subdivision, f"{part} bank holidays",
                               f"Corrected by the team {_who(self.by, self.on)}was "
                               f"{was.name}; source: {self.note}")


def check_calendar(correction: CalendarCorrection, was: HolidayCalendar | None) -> None:
    """Refuse a calendar for a regulator that counts no working days, or a part its country
    does not have, or one without its source."""
    if was is None:
        raise ValidationError("calendar", f"{correction.regulator} counts no working days, so "
                              "it has no holiday calendar to correct.")
    parts = PARTS.get(was.country, {})
    if correction.subdivision not in parts:
        raise ValidationError("calendar", "The holidays are those of "
                              + ", ".join(f"{v} ({k})" for k, v in parts.items()) + ".")
    if not correction.note.strip():
        raise ValidationError("note", "Say where the calendar comes from (the regulator's "
                              "letter, notice or code), so others can check it.")
    if len(correction.note.strip()) > MAX_NOTE:
        raise ValidationError("note", f"The source note is at most {MAX_NOTE} characters.")


def file_calendar(lc: Lifecycle) -> HolidayCalendar | None:
    """The holidays a lifecycle's working days skip, as its file names them."""
    counts = [lc.clock.count, *(p.count for p in all_periods(lc))]
    return next((c.holidays for c in counts if c.holidays is not None), None)


def all_periods(lc: Lifecycle) -> list[Period]:
    """Every period of a lifecycle: the clock's limits and steps, then the deadlines."""
    return [*lc.clock.limits, *(s.period for s in lc.clock.steps),
            *(p for periods in lc.deadlines.values() for p in periods)]


def _recount(count: DayCount, calendar: CalendarCorrection | None) -> DayCount:
    if calendar is None or count.holidays is None:
        return count
    return DayCount(count.working, calendar.calendar(count.holidays))


_installed: Mapping[tuple[str, str], PeriodCorrection] = MappingProxyType({})
_calendars: Mapping[str, CalendarCorrection] = MappingProxyType({})


def install(corrections: Iterable[PeriodCorrection | CalendarCorrection]) -> None:
    """Count with ``corrections`` from now on (the database's, replacing any before)."""
    global _installed, _calendars
    from licenseapp.domain.lifecycle import lifecycle

    given = list(corrections)
    found = {(c.regulator, c.key): c for c in given if isinstance(c, PeriodCorrection)}
    calendars = {c.regulator: c for c in given if isinstance(c, CalendarCorrection)}
    if found != dict(_installed) or calendars != dict(_calendars):
        _installed, _calendars = MappingProxyType(found), MappingProxyType(calendars)
        lifecycle.cache_clear()


def installed() -> tuple[PeriodCorrection | CalendarCorrection, ...]:
    return (*_installed.values(), *_calendars.values())


def check(correction: PeriodCorrection, period: Period | None) -> None:
    """Refuse a correction of a period the file does not have, or has confirmed, or a
    figure it cannot take; the message says so in the user's words."""
    if period is None:
        raise ValidationError("period", f"{correction.regulator} has no period "
                              f"{correction.key!r} to correct.")
    if period.confirmed:
        raise ValidationError("period", f"The {period.label} ({period.citation}) is confirmed "
                              "against its source, so it is not corrected here.")
    if not 1 <= correction.days <= MAX_FIGURE:
        raise ValidationError("days", f"A period is from 1 to {MAX_FIGURE} days.")
    note = correction.note.strip()
    if not note:
        raise ValidationError("note", "Say where the corrected figure comes from (the "
                              "regulator's letter, notice or code), so others can check it.")
    if len(note) > MAX_NOTE:
        raise ValidationError("note", f"The source note is at most {MAX_NOTE} characters.")


def correct(regulator: str, period: Period, default: DayCount) -> Period:
    """``period`` with the team's figure, if it corrected it (``default``: the working-day
    count to use, with the regulator's holidays, when the file counts calendar days)."""
    found = _installed.get((regulator, period.key))  # one read of the current mapping
    if found is None or period.confirmed:
        return period
    if found.working == period.count.working:
        count = period.count
    else:
        count = (DayCount(True, period.count.holidays or default.holidays) if found.working
                 else DayCount())
    return dataclasses.replace(period, days=found.days, count=count,
                               corrected=found.words(period))


def corrected_lifecycle(lc: Lifecycle) -> Lifecycle:
    """``lc`` with the holidays the team chose, and every period the team corrected
    replaced by its figure."""
    calendar = _calendars.get(lc.regulator)
    if calendar is None and not any(regulator == lc.regulator for regulator, _key in _installed):
        return lc

    def fix(p: Period) -> Period:
        return correct(lc.regulator, dataclasses.replace(p, count=_recount(p.count, calendar)),
                       working)

    count = _recount(lc.clock.count, calendar)
    working = count if count.working else DayCount(True)
    clock = dataclasses.replace(
        lc.clock, count=count, limits=tuple(fix(p) for p in lc.clock.limits),
        steps=tuple(dataclasses.replace(s, period=fix(s.period)) for s in lc.clock.steps))
    deadlines = {status: tuple(fix(p) for p in periods)
                 for status, periods in lc.deadlines.items()}
    return dataclasses.replace(lc, clock=clock, deadlines=deadlines)


def unconfirmed_periods(lc: Lifecycle) -> list[Period]:
    """The periods of a lifecycle (as its file has them) a team may correct, in file order."""
    return [p for p in all_periods(lc) if not p.confirmed]


__all__ = ["CALENDAR_PREFIX", "MAX_FIGURE", "MAX_NOTE", "PARTS", "PREFIX",
           "CalendarCorrection", "PeriodCorrection", "all_periods", "check",
           "check_calendar", "correct", "corrected_lifecycle", "file_calendar", "install",
           "installed", "unconfirmed_periods"]
