"""Letter templates with ``{placeholder}`` fields filled from an application record.

Syntax: ``{name}`` or ``{group.name}`` is replaced by the value from the record; ``{{`` and
``}}`` print one literal brace. An unknown placeholder, or a brace left open, is never
printed as if it were text: it stays in the output as written and is reported with its line
number, so the letter cannot be saved until it is fixed. A known placeholder with no value in
the record is filled with nothing and reported as a warning (``empty``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from licenseapp.domain.record import ApplicationRecord

UNKNOWN = "unknown"
SYNTAX = "syntax"
EMPTY = "empty"

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_NAME = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")


@dataclass(frozen=True)
class TemplateProblem:
    line: int  # 1-based
    placeholder: str
    kind: str  # UNKNOWN, SYNTAX or EMPTY
    message: str

    @property
    def blocking(self) -> bool:
        """Unknown placeholders and stray braces stop the letter being saved."""
        return self.kind != EMPTY


@dataclass(frozen=True)
class FillResult:
    text: str
    problems: tuple[TemplateProblem, ...] = ()

    @property
    def unknown(self) -> tuple[TemplateProblem, ...]:
        return tuple(p for p in self.problems if p.blocking)

    @property
    def ok(self) -> bool:
        return not self.unknown


def _join(values: list[str]) -> str:
    """Distinct non-empty values in order: "a", "a and b", "a, b and c"."""
    seen = [v for i, v in enumerate(values) if v and v not in values[:i]]
    if len(seen) <= 1:
        return "".join(seen)
    return ", ".join(seen[:-1]) + " and " + seen[-1]


def long_date(day: date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def _address(record: ApplicationRecord) -> str:
    return ", ".join(record.organization.address.lines())


def placeholder_values(record: ApplicationRecord, today: date) -> dict[str, str]:
    """Every placeholder a template may use, with its value for ``record``."""
    org = record.organization
    person = record.person
    values: dict[str, str] = {
        "today": long_date(today),
        "application.ref": record.ref,
        "application.form": record.form,
        "application.regulator": record.regulator,
        "application.end_use": record.end_use,
        "application.justification": record.justification,
        "applicant.legal_name": org.legal_name,
        "applicant.address": _address(record),
        "applicant.contact_name": org.contact_name,
        "applicant.contact_email": org.contact_email,
        "applicant.contact_phone": org.contact_phone,
        "signatory.name": org.signatory_name,
        "signatory.title": org.signatory_title,
        "items.names": _join([i.name for i in record.items]),
        "items.eccns": _join([i.eccn or i.classification for i in record.items]),
        "items.descriptions": "; ".join(
            f"{i.name}: {i.technical_description}" if i.technical_description else i.name
            for i in record.items),
        "work_site": (person.work_site if person else "") or _address(record),
    }
    p = person
    values.update({
        "person.full_name": p.full_name if p else "",
        "person.given_name": p.given_name if p else "",
        "person.family_name": p.family_name if p else "",
        "person.native_name": p.native_name if p else "",
        "person.other_names": p.other_names if p else "",
        "person.citizenships": _join(
            [c.country_name or c.country for c in p.citizenships if c.ended_on is None]
        ) if p else "",
        "person.birth_country": (p.birth_country_name or p.birth_country or "") if p else "",
        "person.date_of_birth": long_date(p.date_of_birth) if p and p.date_of_birth else "",
        "person.residency_country": (p.residency_country_name or p.residency_country or "")
        if p else "",
        "person.immigration_status": (p.immigration_status_label or p.immigration_status
                                      or "") if p else "",
        "person.employer": (p.employer or org.legal_name) if p else "",
        "person.job_title": p.job_title if p else "",
        "person.duties": p.duties if p else "",
        "person.supervisor": p.supervisor if p else "",
    })
    return values


def placeholders(text: str) -> list[tuple[int, str]]:
    """The placeholders ``text`` uses, as (line, name), in order."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _TOKEN.finditer(line):
            if match.group(1) is not None:
                found.append((number, match.group(1).strip()))
    return found


def fill(text: str, values: Mapping[str, str]) -> FillResult:
    """``text`` with its placeholders filled from ``values``, and what could not be."""
    problems: list[TemplateProblem] = []
    out_lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        out_lines.append(_TOKEN.sub(_replacer(number, values, problems), line))
    return FillResult("\n".join(out_lines), tuple(problems))


def _replacer(number: int, values: Mapping[str, str],
              problems: list[TemplateProblem]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name is None:
            problems.append(TemplateProblem(
                number, token, SYNTAX, f"line {number}: a lone {token!r}; write "
                f"{token * 2!r} for a literal brace or close the placeholder"))
            return token
        key = name.strip()
        if key not in values:
            why = "is not a known placeholder" if _NAME.fullmatch(key) else \
                "is not a placeholder name"
            problems.append(TemplateProblem(
                number, key, UNKNOWN, f"line {number}: {{{key}}} {why}{_suggest(key, values)}"))
            return token
        value = values[key]
        if not value:
            problems.append(TemplateProblem(
                number, key, EMPTY, f"line {number}: {{{key}}} has no value in the record"))
        if value.endswith(".") and match.string.startswith(".", match.end()):
            value = value[:-1]  # "{applicant.legal_name}." with "Acme, Inc.": not "Inc.."
        return value
    return replace


def _suggest(key: str, values: Mapping[str, str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(values), n=1)
    return f" (did you mean {{{close[0]}}}?)" if close else ""


def fill_record(text: str, record: ApplicationRecord, today: date) -> FillResult:
    return fill(text, placeholder_values(record, today))
