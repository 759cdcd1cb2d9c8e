"""Calendar days where the user is, from moments stored in UTC.

Moments are stored in UTC and shown local; a *day* (when a letter arrived, when a status
changed, from which a deadline counts) is the day on the user's calendar. A decision recorded
at 17:00 in California on 20 November is 01:00 UTC on the 21st: counted from the UTC date,
the 20-day response to an intent to deny would fall a day late.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def local_day(moment: datetime) -> date:
    """The day ``moment`` fell on in the local time zone (a naive moment is UTC, as read
    from a database column through Core)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def moment_of_day(day: date, now: datetime) -> datetime:
    """The moment recorded for something said to have happened on ``day`` (local): now if
    that is today, else noon local time that day (in UTC), which stays on that day in any
    time zone."""
    if day == local_day(now):
        return now
    return datetime.combine(day, time(12, 0)).astimezone().astimezone(UTC)


def local_moment(moment: datetime | None) -> datetime | None:
    """A stored moment as the user's local date and time to the minute, without a zone (as
    a spreadsheet takes it; None for none)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def local_time(moment: datetime | None) -> str:
    """A stored moment as the user's local date and time to the minute ("" for none)."""
    local = local_moment(moment)
    return "" if local is None else local.strftime("%Y-%m-%d %H:%M")
