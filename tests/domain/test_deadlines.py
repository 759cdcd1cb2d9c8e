from __future__ import annotations

from datetime import date

from licenseapp.domain import deadlines as dl
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.privacy import mask_number


def test_intent_to_deny_gives_twenty_days_and_denial_forty_five() -> None:
    (itd,) = dl.status_deadlines("LA-2026-0001", "BIS", S.INTENT_TO_DENY, date(2026, 3, 1))
    assert itd.due_on == date(2026, 3, 21)
    (appeal,) = dl.status_deadlines("LA-2026-0001", "BIS", S.DENIED, date(2026, 3, 1))
    assert appeal.due_on == date(2026, 4, 15)
    assert dl.status_deadlines("LA-2026-0001", "BIS", S.REGISTERED, date(2026, 3, 1)) == []


def test_renewal_window_is_before_expiry() -> None:
    renewal, expiry = dl.license_deadlines("LA-1", "D123", date(2027, 6, 30))
    assert renewal.due_on == date(2027, 5, 1)
    assert expiry.due_on == date(2027, 6, 30)
    (custom, _) = dl.license_deadlines("LA-1", "D123", date(2027, 6, 30), renewal_window_days=90)
    assert custom.due_on == date(2027, 4, 1)


def test_anniversary_reports_each_year_while_the_license_lasts() -> None:
    reports = dl.anniversary_deadlines("LA-1", "D1", date(2024, 2, 29), date(2028, 3, 1))
    # 29 February falls on the 28th in common years, and on the 29th again in 2028.
    assert [r.due_on for r in reports] == [
        date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)
    ]


def test_document_numbers_are_masked() -> None:
    assert mask_number("E12345678") == "••••••678"
    assert mask_number("AB") == "••"
    assert mask_number("") == ""
