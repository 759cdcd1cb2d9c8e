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
class Finding:
    severity: Severity
    section: str  # wizard step: applicant, foreign_national, items, end_use, tcp, documents...
    field: str  # e.g. "block 21 Specific End-Use", "résumé", "letter of explanation"
    rule: str  # stable id, e.g. "required-field", "resume-gap"
    message: str
    source: str  # the regulation or guidance the rule comes from
    fix: str

    @property
    def key(self) -> str:
        """Stable identity of a finding, for recording which warnings were acknowledged."""
        return f"{self.rule}|{self.field}|{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value, "section": self.section, "field": self.field,
            "rule": self.rule, "message": self.message, "source": self.source, "fix": self.fix,
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
