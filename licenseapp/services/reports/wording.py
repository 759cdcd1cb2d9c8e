"""Words the reports share: status labels, days left, the regulator's clock in one cell."""

from __future__ import annotations

from datetime import datetime

from licenseapp.domain.clock import ClockReading
from licenseapp.domain.clock_words import clock_cell
from licenseapp.domain.days import local_time
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.store.database import Database


def report_moment(db: Database) -> datetime:
    """Now on the app's clock, to the minute: the report's "as of" (and its PDF date)."""
    return db.clock.now().replace(second=0, microsecond=0)


def status_label(regulator: str, status: str | None) -> str:
    """The regulator's own name for a status ("Staffed to other agencies"), never its code."""
    if not status:
        return ""
    try:
        return lifecycle(regulator).label(status)
    except (ValueError, KeyError):
        return status.replace("_", " ").capitalize()


def days_left(days: int) -> str:
    """``12``, ``today``, ``past (3 days)``."""
    if days == 0:
        return "today"
    return str(days) if days > 0 else f"past ({-days} day{'s' if days != -1 else ''})"


def days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def clock_words(clock: ClockReading) -> str:
    """The regulator's clock in a table cell, by its own rule (BIS's legal limit, ECJU's
    working-day targets, DDTC's absence of a time limit): :func:`clock_cell`."""
    return clock_cell(clock)


def when(moment: datetime | None) -> str:
    """A stored moment as the user's local date and time."""
    return local_time(moment)
