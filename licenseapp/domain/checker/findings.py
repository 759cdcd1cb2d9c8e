"""A finding: what is missing or wrong, where, by which rule, from which source, and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the regulator would return the application: blocks "ready to file"
    WARNING = "warning"  # likely delays or conditions: needs an explicit acknowledgement


@dataclass(frozen=True)
class Target:
    """Where a finding is fixed: a field id — a form-spec source key (``"application.end_use"``,
    ``"item.eccn"``, ``"organization.signatory"``) or one of :data:`FIX_FIELDS` — with the item
    line (its position) or the id of the block recorded by id, when the field has several."""

    field: str = ""
    item: int | None = None
    block: str = ""


#: The field ids a finding can name besides the form specs' source keys (domain/forms.py
#: ``SOURCES``): parts of the record no form block prints but the checker looks at.
FIX_FIELDS: dict[str, str] = {
    "application.person": "which person the application is for",
    "application.loe_text": "the letter of explanation",
    "application.tcp_text": "the technology control plan",
    "application.attachments": "the supporting documents attached",
    "application.parties": "the other parties to the transaction",
    "person.resume": "the person's résumé entries",
    "person.documents": "the person's passport, visa and other documents",
    "person.citizenships": "the person's citizenships",
    "person.date_of_birth": "the person's date of birth",
    "screening.person": "the foreign national's restricted-party screening",
    "screening.organization": "the applicant's restricted-party screening",
}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    section: str  # wizard step: applicant, foreign_national, items, end_use, tcp, documents...
    field: str  # e.g. "block 21 Specific End-Use", "résumé", "letter of explanation"
    rule: str  # stable id, e.g. "required-field", "resume-gap"
    message: str
    source: str  # the regulation or guidance the rule comes from
    fix: str
    #: The field that fixes it (the wizard goes there; ``check --json`` names it).
    target: Target = Target()

    @property
    def key(self) -> str:
        """Stable identity of a finding, for recording which warnings were acknowledged."""
        return f"{self.rule}|{self.field}|{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value, "section": self.section, "field": self.field,
            "rule": self.rule, "message": self.message, "source": self.source, "fix": self.fix,
            "target": self.target.field,
        }


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARNING]


def by_section(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.section, []).append(finding)
    return grouped
