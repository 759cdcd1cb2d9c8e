"""The résumé covers all time since secondary school, month by month, with no gap over 30 days,
and names every post-secondary school with its address and degree and every job with its
employer, address and duties (BIS deemed export guidelines).

Dates are month/year, so a gap over 30 days is a whole calendar month with no school or job
between two entries, or between the last entry and this month. The person's record keeps an
entry's address as its location, the degree or job title as its title, and the duties as its
description: an empty one is asked for by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord, ResumeInfo

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


_SECONDARY = re.compile(r"secondary|high school|gymnas|lyc[ée]e|collegiate|vidyalaya|"
                        r"\bschool no\b|diploma", re.IGNORECASE)


def _is_secondary(entry: ResumeInfo) -> bool:
    """A secondary school: where the résumé starts, not a post-secondary school BIS asks for."""
    return bool(_SECONDARY.search(f"{entry.organization} {entry.title}")) and not re.search(
        r"universit|college\b|institute of technology|polytechn", entry.organization,
        re.IGNORECASE)


def resume_details(record: ApplicationRecord) -> Iterator[Finding]:
    """Every post-secondary school with its address and degree, every job with its employer,
    address and duties: what BIS asks of a résumé, field by field."""
    person = record.person
    if person is None or not person.resume:
        return
    source = f"{form_spec(record.form).term('documents_source')}: résumé"
    for entry in person.resume:
        name = entry.organization.strip()
        if entry.kind == "education":
            if _is_secondary(entry):
                continue
            wanted = (("school", name), ("address", entry.location), ("degree", entry.title))
            what = "post-secondary school"
        elif entry.kind == "employment":
            wanted = (("employer", name), ("address", entry.location),
                      ("duties", entry.description))
            what = "job"
        else:
            continue
        absent = [label for label, value in wanted if not value.strip()]
        if absent:
            when = f"{entry.start_month:02d}/{entry.start_year}"
            where = f"{what} {name or 'unnamed'} (from {when})"
            yield Finding(Severity.ERROR, "foreign_national", f"résumé: {name or what}",
                          "resume-detail", f"the {where} has no {' or '.join(absent)}",
                          source, f"enter the {' and '.join(absent)} of the {what} in the "
                          "résumé (the address as street, city and country)", RESUME)
