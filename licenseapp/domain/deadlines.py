"""Deadlines computed from the record — never typed in twice.

Periods come from the regulations: an intent to deny gives 20 days to respond (15 CFR
750.6), a denial may be appealed within 45 days (15 CFR Part 756); a license is renewed
ahead of its expiry (60 days by default, configurable); BIS answers information requests
within the period it sets (30 days assumed, editable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from licenseapp.domain.enums import ApplicationStatus

INTENT_TO_DENY_RESPONSE_DAYS = 20
APPEAL_WINDOW_DAYS = 45
INFO_REQUEST_RESPONSE_DAYS = 30
DEFAULT_RENEWAL_WINDOW_DAYS = 60


@dataclass(frozen=True)
class Deadline:
    key: str
    kind: str
    due_on: date
    title: str
    application_ref: str | None = None

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


def status_deadlines(
    ref: str, status: ApplicationStatus | str, since: date
) -> list[Deadline]:
    """Deadlines that an application's current status starts."""
    status = ApplicationStatus(status)
    if status is ApplicationStatus.INTENT_TO_DENY:
        return [
            Deadline(
                f"itd-response:{ref}", "intent_to_deny_response",
                since + timedelta(days=INTENT_TO_DENY_RESPONSE_DAYS),
                f"{ref}: respond to the intent to deny (15 CFR 750.6, 20 days)", ref,
            )
        ]
    if status is ApplicationStatus.DENIED:
        return [
            Deadline(
                f"appeal:{ref}", "appeal_window", since + timedelta(days=APPEAL_WINDOW_DAYS),
                f"{ref}: last day to appeal the denial (15 CFR Part 756, 45 days)", ref,
            )
        ]
    if status is ApplicationStatus.INFO_REQUESTED:
        return [
            Deadline(
                f"rfi:{ref}", "info_request_due",
                since + timedelta(days=INFO_REQUEST_RESPONSE_DAYS),
                f"{ref}: answer the regulator's request for information", ref,
            )
        ]
    return []


def license_deadlines(
    ref: str, license_no: str, expires_on: date,
    renewal_window_days: int = DEFAULT_RENEWAL_WINDOW_DAYS,
) -> list[Deadline]:
    return [
        Deadline(
            f"renewal:{license_no}", "license_renewal",
            expires_on - timedelta(days=renewal_window_days),
            f"{ref}: file the renewal of license {license_no} "
            f"({renewal_window_days} days before expiry)", ref,
        ),
        Deadline(
            f"expiry:{license_no}", "license_expiry", expires_on,
            f"{ref}: license {license_no} expires", ref,
        ),
    ]


def anniversary_deadlines(
    ref: str, license_no: str, issued_on: date, expires_on: date
) -> list[Deadline]:
    """One report due on each anniversary of issue while the license lasts."""
    result: list[Deadline] = []
    year = 1
    while True:
        try:
            due = issued_on.replace(year=issued_on.year + year)
        except ValueError:  # 29 February
            due = issued_on.replace(year=issued_on.year + year, day=28)
        if due > expires_on:
            return result
        result.append(
            Deadline(
                f"anniversary:{license_no}:{year}", "anniversary_report", due,
                f"{ref}: anniversary report {year} due under license {license_no}", ref,
            )
        )
        year += 1


def document_deadline(
    person_name: str, person_ref: str, kind: str, expires_on: date, ref: str | None = None
) -> Deadline:
    label = {"visa": "visa", "ead": "work authorization", "i94": "I-94 admission"}.get(kind, kind)
    return Deadline(
        f"document:{person_ref}:{kind}:{expires_on.isoformat()}", f"{kind}_expiry", expires_on,
        f"{person_name}: {label} expires", ref,
    )
