"""Local calendar days worked out by the database, so days between two moments can be counted
with ``GROUP BY`` instead of row by row in Python.

A moment's local day is the whole number of days from 1970-01-01 to the date it fell on in
the local time zone: (its UTC seconds + the zone's offset at that moment) // 86,400. The
offsets come from Python's own idea of the local zone (as :func:`domain.days.local_day`
uses), one per period between the zone's changes (summer time), so the database gives
the same days as ``local_day`` on every row.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import BigInteger, Integer, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement

from licenseapp.store.base import UTCDateTime

_DAY_SECONDS = 86_400
#: How far apart the offset is looked at when finding the zone's changes (never twice a day).
_STEP = timedelta(hours=12)


def _offset(moment: datetime) -> int:
    """The local zone's UTC offset at ``moment`` (aware), in seconds."""
    offset = moment.astimezone().utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_periods(first: datetime, last: datetime) -> list[tuple[datetime, int]]:
    """The local zone's offsets from ``first`` to ``last`` (aware): (from when, seconds),
    the first from ``first``; a new one at each change of the zone's offset, to the second."""
    periods = [(first, _offset(first))]
    at = first
    while at < last:
        following = min(at + _STEP, last)
        if _offset(following) != periods[-1][1]:
            low, high = at, following  # the change is after low, at or before high
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(middle) == periods[-1][1]:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            periods.append((high, _offset(high)))
        at = following
    return periods


def _utc_seconds(moment: ColumnElement[Any], dialect: str) -> ColumnElement[int]:
    """Whole seconds since 1970 (UTC) of a UTC moment column (stored without zone)."""
    if dialect == "sqlite":  # text; whole seconds first (SQLite rounds to milliseconds)
        return cast(func.strftime("%s", func.substr(moment, 1, 19)), Integer)
    return cast(func.floor(func.extract("epoch", moment)), BigInteger)


def local_day_number(moment: ColumnElement[Any], periods: list[tuple[datetime, int]],
                     dialect: str) -> ColumnElement[int]:
    """SQL for the local day ``moment`` fell on, as days since 1970-01-01."""
    offset: ColumnElement[int]
    if len(periods) == 1:
        offset = literal(periods[0][1], Integer)
    else:
        offset = case(
            *((moment < literal(start, UTCDateTime), before)
              for (_, before), (start, _) in pairwise(periods)),
            else_=periods[-1][1],
        )
    return (_utc_seconds(moment, dialect) + offset) // _DAY_SECONDS


def as_utc(moment: datetime | str) -> datetime:
    """A moment read back through an aggregate (SQLite hands text) as an aware UTC one."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
