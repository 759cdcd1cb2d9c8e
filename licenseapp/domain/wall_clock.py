"""What time it is: the moment now (UTC) and today's date on the user's calendar.

Each front end chooses the clock once, when it starts (the system's); tests fix it. Services
read it from the database handle they are given (``db.clock``), never from the system at
some depth, so a test or a replay can say "it is 27 November" in one place.
(:mod:`licenseapp.domain.clock` is the regulator's processing clock, another thing.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from licenseapp.domain.days import local_day


class Clock(Protocol):
    def now(self) -> datetime:
        """The moment now, zone-aware (UTC)."""
        ...

    def today(self) -> date:
        """Today on the user's calendar (the local time zone)."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()

    def __repr__(self) -> str:
        return "SystemClock()"


@dataclass(frozen=True)
class FixedClock:
    """A clock that always says ``moment`` (for tests and reproducible runs)."""

    moment: datetime

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("a fixed clock needs a zone-aware moment")

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return local_day(self.moment)


SYSTEM_CLOCK = SystemClock()
