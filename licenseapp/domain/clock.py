"""The regulator's clock, computed from the history every time (never a nightly counter).

15 CFR 750.4: BIS resolves an application within 90 calendar days of registration; within
9 days it refers the application to the other agencies (or decides, returns it or asks for
information); the agencies have 30 days to recommend. Days waiting for the applicant's
information do not count (750.4(b)). Days are calendar days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from licenseapp.domain.enums import CLOSED_STATUSES, ApplicationStatus

REFERRAL_DAYS = 9
AGENCY_DAYS = 30
LIMIT_DAYS = 90


@dataclass(frozen=True)
class ClockReading:
    started_on: date | None  # registration; None if never registered
    ended_on: date | None  # the decision, if any
    elapsed_days: int  # calendar days since registration
    stopped_days: int  # days with the clock stopped
    stopped_now: bool
    referral_due: date | None  # open 9-day step
    agency_due: date | None  # open 30-day step after referral
    limit_on: date | None  # the 90-day limit, pushed back by stopped days
    past_referral: bool
    past_agency: bool
    past_limit: bool

    @property
    def counted_days(self) -> int:
        return self.elapsed_days - self.stopped_days

    @property
    def flags(self) -> tuple[str, ...]:
        out = []
        if self.past_referral:
            out.append(f"past the {REFERRAL_DAYS}-day referral step")
        if self.past_agency:
            out.append(f"past the {AGENCY_DAYS}-day agency step")
        if self.past_limit:
            out.append(f"past the {LIMIT_DAYS}-day limit")
        return tuple(out)


NOT_STARTED = ClockReading(None, None, 0, 0, False, None, None, None, False, False, False)


def read_clock(
    history: Sequence[tuple[ApplicationStatus | str, date]],
    today: date,
    *,
    starts: ApplicationStatus = ApplicationStatus.REGISTERED,
    stops: frozenset[ApplicationStatus] = frozenset({ApplicationStatus.INFO_REQUESTED}),
) -> ClockReading:
    """Read the clock from ``(status entered, on)`` pairs in the order they happened."""
    events = [(ApplicationStatus(s), d) for s, d in history]
    start = next((d for s, d in events if s is starts), None)
    if start is None:
        return NOT_STARTED
    end: date | None = None
    stopped = 0
    stopped_since: date | None = None
    referred_on: date | None = None
    acted_within_referral = False
    for status, on in events:
        if on < start:
            continue
        if stopped_since is not None and status not in stops:
            stopped += (on - stopped_since).days
            stopped_since = None
        if status in stops and stopped_since is None:
            stopped_since = on
        if status is ApplicationStatus.REFERRED and referred_on is None:
            referred_on = on
        if status is not starts:
            # Referral, a decision, a return or a request for information: BIS acted.
            acted_within_referral = True
        if status in CLOSED_STATUSES:
            end = on
            break
    upto = end or today
    if stopped_since is not None:
        stopped += (upto - stopped_since).days
    elapsed = (upto - start).days
    limit_on = start + timedelta(days=LIMIT_DAYS + stopped)
    referral_due = None if acted_within_referral or end else start + timedelta(days=REFERRAL_DAYS)
    agency_due = None
    if referred_on is not None and end is None and _still_referred(events):
        agency_due = referred_on + timedelta(days=AGENCY_DAYS)
    open_clock = end is None
    return ClockReading(
        started_on=start,
        ended_on=end,
        elapsed_days=elapsed,
        stopped_days=stopped,
        stopped_now=open_clock and stopped_since is not None,
        referral_due=referral_due,
        agency_due=agency_due,
        limit_on=limit_on,
        past_referral=open_clock and referral_due is not None and today > referral_due,
        past_agency=open_clock and agency_due is not None and today > agency_due,
        past_limit=(elapsed - stopped) > LIMIT_DAYS,
    )


def _still_referred(events: Sequence[tuple[ApplicationStatus, date]]) -> bool:
    return bool(events) and events[-1][0] is ApplicationStatus.REFERRED
