"""A team's corrections of the regulators' unconfirmed periods, kept in its database.

Each correction is a team-settings row (``period:ECJU:appeal_window``) with who set it and
when, and an audit entry; opening the database installs them in the domain, so every
deadline and clock counts with them (:mod:`licenseapp.domain.period_corrections`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from licenseapp.domain.days import local_day
from licenseapp.domain.enums import Regulator
from licenseapp.domain.lifecycle import Lifecycle, file_lifecycle, lifecycle
from licenseapp.domain.period_corrections import (
    CALENDAR_PREFIX,
    PREFIX,
    CalendarCorrection,
    PeriodCorrection,
    all_periods,
    check,
    check_calendar,
    file_calendar,
    install,
    unconfirmed_periods,
)
from licenseapp.domain.periods import HolidayCalendar, Period
from licenseapp.services.changes import Changes, Kind
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import TeamSetting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CorrectablePeriod:
    """An unconfirmed period as its file has it, and as the team counts it now."""

    regulator: str
    filed: Period  # the lifecycle file's figure
    now: Period  # with the team's correction, if any
    correction: PeriodCorrection | None

    @property
    def key(self) -> str:
        return self.filed.key


@dataclass(frozen=True)
class CorrectableCalendar:
    """The holidays a regulator's working days skip: the file's, and the team's choice."""

    regulator: str
    filed: HolidayCalendar
    now: HolidayCalendar
    correction: CalendarCorrection | None


def correctable_calendars(db: Database) -> list[CorrectableCalendar]:
    """Each regulator that counts working days, with its holidays as filed and as counted."""
    install_period_corrections(db)
    found = {c.regulator: c for c in read_calendar_corrections(db)}
    result = []
    for regulator in Regulator:
        filed = file_calendar(file_lifecycle(regulator))
        now = file_calendar(lifecycle(regulator))
        if filed is not None and now is not None:
            result.append(CorrectableCalendar(regulator.value, filed, now,
                                              found.get(regulator.value)))
    return result


def read_period_corrections(db: Database) -> list[PeriodCorrection]:
    """The team's corrections of periods, as kept in ``db``."""
    return [c for c in _read(db) if isinstance(c, PeriodCorrection)]


def read_calendar_corrections(db: Database) -> list[CalendarCorrection]:
    """The team's choices of holiday calendar, as kept in ``db``."""
    return [c for c in _read(db) if isinstance(c, CalendarCorrection)]


def _read(db: Database) -> list[PeriodCorrection | CalendarCorrection]:
    with db.reading() as session:
        rows = session.execute(select(TeamSetting).where(
            TeamSetting.name.startswith(PREFIX)
            | TeamSetting.name.startswith(CALENDAR_PREFIX))).scalars().all()
        return [(PeriodCorrection if r.name.startswith(PREFIX) else CalendarCorrection)
                .from_text(r.name, r.value, r.changed_by, local_day(r.changed_at))
                for r in rows]


def install_period_corrections(db: Database) -> None:
    """Count every deadline and clock with ``db``'s corrections (on opening it); a database
    that cannot say (opened without upgrading, from before team settings) has none."""
    try:
        found = _read(db)
    except SQLAlchemyError as exc:
        log.warning("period corrections not read: %s", exc.__class__.__name__)
        found = []
    install(found)


def correctable_periods(db: Database) -> list[CorrectablePeriod]:
    """Every unconfirmed period of every regulator, with the team's figure if corrected."""
    install_period_corrections(db)
    found = {(c.regulator, c.key): c for c in read_period_corrections(db)}
    result = []
    for regulator in Regulator:
        now = {p.key: p for p in unconfirmed_periods(lifecycle(regulator))}
        for filed in unconfirmed_periods(file_lifecycle(regulator)):
            result.append(CorrectablePeriod(regulator.value, filed, now[filed.key],
                                            found.get((regulator.value, filed.key))))
    return result


def _file_lifecycle(regulator: str) -> Lifecycle | None:
    try:
        return file_lifecycle(regulator)
    except ValueError:  # no such regulator
        return None


def _filed(regulator: str, key: str) -> Period | None:
    lc = _file_lifecycle(regulator)
    return next((p for p in all_periods(lc) if p.key == key), None) if lc else None


def correct_period(db: Database, regulator: str, key: str, days: int, working: bool,
                   note: str) -> Changes:
    """Set the team's figure for an unconfirmed period (refused for a confirmed one)."""
    correction = PeriodCorrection(regulator, key, days, working, note.strip())
    period = _filed(regulator, key)
    check(correction, period)
    assert period is not None
    return _write(db, correction.name, correction.to_text(),
                  f"{regulator} {period.label} ({period.citation}) corrected to {days} "
                  f"{'working' if working else 'calendar'} days; source: {correction.note}")


def correct_calendar(db: Database, regulator: str, subdivision: str, note: str) -> Changes:
    """Count a regulator's working days by the holidays of ``subdivision`` (ECJU: "SCT")."""
    correction = CalendarCorrection(regulator, subdivision.upper(), note.strip())
    lc = _file_lifecycle(regulator)
    was = file_calendar(lc) if lc is not None else None
    check_calendar(correction, was)
    if was is None:  # refused above; for the type checker
        return _changes(correction.name)
    now = correction.calendar(was).name
    return _write(db, correction.name, correction.to_text(), f"{regulator}'s working days "
                  f"skip {now} (was {was.name}); source: {correction.note}")


def _write(db: Database, name: str, value: str, summary: str) -> Changes:
    now = db.clock.now().replace(microsecond=0)
    with db.unit_of_work() as session:
        row = session.get(TeamSetting, name)
        before = row.value if row is not None else None
        if row is None:
            row = TeamSetting(name=name)
            session.add(row)
        row.value = value
        row.changed_at, row.changed_by = now, db.actor
        session.flush()
        audit.record(session, actor=db.actor, action="setting_change", entity="team_setting",
                     entity_id=name, summary=summary, before={"value": before},
                     after={"value": value}, at=now)
    install_period_corrections(db)
    return _changes(name)


def undo_calendar_correction(db: Database, regulator: str) -> Changes:
    """Count the regulator's working days by its file's holiday calendar again."""
    return _remove(db, f"{CALENDAR_PREFIX}{regulator}",
                   f"{regulator}: the team's holiday calendar removed; the lifecycle file's "
                   "calendar applies again")


def undo_period_correction(db: Database, regulator: str, key: str) -> Changes:
    """Count the period by its file's figure again."""
    return _remove(db, f"{PREFIX}{regulator}:{key}",
                   f"{regulator} {key}: the team's correction removed; the lifecycle file's "
                   "figure applies again")


def _remove(db: Database, name: str, summary: str) -> Changes:
    now = db.clock.now().replace(microsecond=0)
    with db.unit_of_work() as session:
        row = session.get(TeamSetting, name)
        if row is not None:
            audit.record(session, actor=db.actor, action="setting_change",
                         entity="team_setting", entity_id=name, summary=summary,
                         before={"value": row.value}, after={"value": None}, at=now)
            session.delete(row)
    install_period_corrections(db)
    return _changes(name)


def _changes(name: str) -> Changes:
    return Changes.of(Kind.SETTINGS, [name]) | Changes.all_of(
        Kind.DEADLINES, Kind.APPLICATIONS)


__all__ = [
    "CorrectableCalendar",
    "CorrectablePeriod",
    "correct_calendar",
    "correct_period",
    "correctable_calendars",
    "correctable_periods",
    "install_period_corrections",
    "read_calendar_corrections",
    "read_period_corrections",
    "undo_calendar_correction",
    "undo_period_correction",
]
