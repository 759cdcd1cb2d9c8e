from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from licenseapp.domain.clock import ClockReading
from licenseapp.domain.clock import read_clock as read_any_clock
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle

REG = date(2026, 7, 1)


def read_clock(history: Sequence[tuple[S, date]], today: date) -> ClockReading:
    """BIS's clock (15 CFR 750.4)."""
    return read_any_clock(history, today, lifecycle("BIS").clock)


def test_no_clock_before_registration() -> None:
    reading = read_clock([(S.DRAFT, date(2026, 6, 1)), (S.SUBMITTED, date(2026, 6, 28))],
                         date(2026, 7, 10))
    assert reading.started_on is None and reading.flags == ()


def test_nine_day_step_flags_an_application_nobody_acted_on() -> None:
    reading = read_clock([(S.SUBMITTED, date(2026, 6, 28)), (S.REGISTERED, REG)], date(2026, 7, 11))
    assert reading.elapsed_days == 10 and reading.due("referral") == date(2026, 7, 10)
    assert reading.flags == ("past the 9-day referral step",)


def test_agency_step_is_thirty_days_after_referral() -> None:
    reading = read_clock([(S.REGISTERED, REG), (S.REFERRED, date(2026, 7, 8))], date(2026, 8, 10))
    assert reading.due("referral") is None
    assert reading.due("agency") == date(2026, 8, 7) and reading.past("agency")


def test_information_requests_stop_the_clock() -> None:
    history = [
        (S.REGISTERED, REG),
        (S.INFO_REQUESTED, date(2026, 7, 5)),
        (S.REGISTERED, date(2026, 7, 25)),  # answered: 20 days stopped
        (S.REFERRED, date(2026, 7, 28)),
    ]
    reading = read_clock(history, date(2026, 10, 5))
    assert reading.stopped_days == 20
    assert reading.elapsed_days == 96 and reading.counted_days == 76
    assert reading.due("limit") == date(2026, 10, 19)
    assert not reading.past("limit")


def test_still_waiting_for_information_counts_as_stopped_until_today() -> None:
    reading = read_clock([(S.REGISTERED, REG), (S.INFO_REQUESTED, date(2026, 7, 3))],
                         date(2026, 7, 13))
    assert reading.stopped_now and reading.stopped_days == 10 and reading.counted_days == 2
    assert reading.due("referral") is None


def test_past_ninety_days_is_flagged_and_a_decision_stops_counting() -> None:
    open_case = read_clock([(S.REGISTERED, REG), (S.REFERRED, date(2026, 7, 9)),
                            (S.ESCALATED, date(2026, 8, 20))], date(2026, 10, 1))
    assert open_case.past("limit") and "past the 90-day limit" in open_case.flags
    decided = read_clock([(S.REGISTERED, REG), (S.REFERRED, date(2026, 7, 9)),
                          (S.APPROVED, date(2026, 9, 1))], date(2027, 1, 1))
    assert decided.ended_on == date(2026, 9, 1) and decided.elapsed_days == 62
    assert decided.flags == ()


def test_an_answered_information_request_counts_as_bis_acting() -> None:
    reading = read_clock([(S.REGISTERED, REG), (S.INFO_REQUESTED, date(2026, 7, 4)),
                          (S.REGISTERED, date(2026, 7, 10))], date(2026, 7, 20))
    assert reading.due("referral") is None and "past the 9-day referral step" not in reading.flags
