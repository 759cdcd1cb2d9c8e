"""The résumé covers all time since secondary school, month by month, with no gap over 30 days.

Dates are month/year, so a gap over 30 days is a whole calendar month with no school or job
between two entries, or between the last entry and this month.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord

RESUME = Target("person.resume")


def _month(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def resume_coverage(record: ApplicationRecord, today: date) -> Iterator[Finding]:
    person = record.person
    if person is None or not person.resume:
        return
    # The regulator's own guidance (BIS: its deemed export guidelines), from the form's terms.
    source = f"{form_spec(record.form).term('documents_source')}: résumé"
    now = _month(today.year, today.month)
    spans: list[tuple[int, int, str]] = []
    for entry in person.resume:
        start = _month(entry.start_year, entry.start_month)
        end = (_month(entry.end_year, entry.end_month)
               if entry.end_year is not None and entry.end_month is not None else now)
        what = f"{entry.organization} ({_label(start)})"
        if not 1 <= entry.start_month <= 12 or (entry.end_month or 1) not in range(1, 13):
            yield Finding(Severity.ERROR, "foreign_national", f"résumé: {entry.organization}",
                          "resume-dates", "a month is not between 1 and 12", source,
                          "write dates as month/year", RESUME)
            continue
        if end < start:
            yield Finding(Severity.ERROR, "foreign_national", f"résumé: {entry.organization}",
                          "resume-dates", f"{what} ends before it starts", source,
                          "check the from and to dates", RESUME)
            continue
        if start > now:
            yield Finding(Severity.ERROR, "foreign_national", f"résumé: {entry.organization}",
                          "resume-dates", f"{what} starts in the future", source,
                          "check the from date", RESUME)
            continue
        spans.append((start, end, entry.organization))
    spans.sort()
    covered_to: int | None = None
    last_name = ""
    for start, end, name in spans:
        if covered_to is not None and start > covered_to + 1:
            yield Finding(
                Severity.ERROR, "foreign_national", "résumé", "resume-gap",
                f"nothing is listed from {_label(covered_to + 1)} to {_label(start - 1)} "
                f"(between {last_name} and {name})", source,
                "add the school, job or other activity (e.g. job search, travel) for that time",
                RESUME,
            )
        if covered_to is None or end > covered_to:
            covered_to, last_name = end, name
    if covered_to is not None and covered_to < now - 1:
        yield Finding(Severity.ERROR, "foreign_national", "résumé", "resume-gap",
                      f"nothing is listed after {_label(covered_to)}", source,
                      "add the current position, with 'present' as its end", RESUME)
