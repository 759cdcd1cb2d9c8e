"""Deadlines computed from the record — never typed in twice.

The periods a status starts are each regulator's own, as data in its lifecycle file
(``deadlines``: BIS's 20 days to answer an intent to deny, 15 CFR 750.6, and 45 to appeal,
Part 756; ECJU's 20 working days to answer a request for information, NTE 2024/01; DDTC's
reconsideration of a denial, 22 CFR 126.7...), counted in calendar or working days as the
file says. A license is renewed ahead of its expiry by the team's renewal window (a team
setting; the default below is the setting's, not a regulator's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from sys import intern

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.settings import DEFAULT_RENEWAL_WINDOW_DAYS

#: The keys of status deadlines as first recorded (marks in the database refer to them).
_KEY_PREFIXES = {
    "intent_to_deny_response": "itd-response",
    "appeal_window": "appeal",
    "info_request_due": "rfi",
}


@dataclass(frozen=True, slots=True)  # 100,000 and more in the deadlines list: no __dict__
class Deadline:
    key: str
    kind: str
    due_on: date
    title: str
    application_ref: str | None = None
    #: What the period means (its count, whether it binds, where to confirm it).
    note: str = ""
    #: The kind in the regulator's own words where they are its own ("Licence expiry" for a
    #: UK licence: the form spec's ``license`` term); empty: the kind's usual label.
    label: str = ""

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


def status_deadlines(
    ref: str, regulator: str, status: ApplicationStatus | str, since: date
) -> list[Deadline]:
    """Deadlines that an application's current status starts, by its regulator's rule."""
    status = ApplicationStatus(status)
    found = []
    for period in lifecycle(regulator).deadlines.get(status, ()):
        note = f"{regulator}: {period.meaning}; counted in {period.count.words}"
        if period.confirm_words:
            note += f"; {period.confirm_words}"
        found.append(Deadline(
            f"{_KEY_PREFIXES.get(period.key, period.key)}:{ref}", period.key,
            period.due(since), f"{ref}: {period.what} ({period.source})", ref, intern(note),
        ))
    return found


def license_deadlines(
    ref: str, license_no: str, expires_on: date,
    renewal_window_days: int = DEFAULT_RENEWAL_WINDOW_DAYS, *, word: str = "license",
) -> list[Deadline]:
    """The renewal and expiry of a license; ``word`` is the regulator's own ("licence" for
    a UK one: the form spec's ``license`` term), in the title and the kind's label."""
    word_cap = word[:1].upper() + word[1:]
    return [
        Deadline(
            f"renewal:{license_no}", "license_renewal",
            expires_on - timedelta(days=renewal_window_days),
            f"{ref}: file the renewal of {word} {license_no} "
            f"({renewal_window_days} days before expiry)", ref,
            label=intern(f"{word_cap} renewal"),  # the same few texts: one object each
        ),
        Deadline(
            f"expiry:{license_no}", "license_expiry", expires_on,
            f"{ref}: {word} {license_no} expires", ref, label=intern(f"{word_cap} expiry"),
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
