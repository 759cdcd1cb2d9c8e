"""A determination memo as plain data: what an attorney signs for one person × item (or for
each item of an application). The services fill it from stored determinations; the PDF
renderer (:mod:`licenseapp.pdf.memo`) lays it out. No ReportLab here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class MemoFact:
    """A fact the determination used, with the record it came from."""

    label: str
    value: str
    source: str


@dataclass(frozen=True)
class MemoRuleSet:
    """One rule set considered: whether it applied, what it answered and why."""

    title: str
    id: str
    version: str  # "version 2, SHA-256 3f5a…" as stored
    applied: bool
    answer: str
    reason: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class MemoDetermination:
    """One person × item: the facts, the rule sets, the answer."""

    heading: str
    facts: tuple[MemoFact, ...]
    rulesets: tuple[MemoRuleSet, ...]
    answer: str
    reason: str
    citations: tuple[str, ...]
    on: date
    record: str  # "determination #12, recorded 2026-12-01 15:04 UTC by mchen"
    out_of_date: tuple[str, ...] = ()  # what differs under the rules in force now


@dataclass(frozen=True)
class DeterminationMemo:
    title: str
    reference: str  # an application's reference, or "PER-0001 × ITM-001"
    organization: str
    prepared_for: str
    determinations: tuple[MemoDetermination, ...]
    reference_date: date  # the reference data's date (eCFR issue)
    as_of: datetime  # zone-aware: fixes the PDF's date, so the same records give the same bytes
    signatory_name: str = ""
    signatory_title: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Every word the memo prints, for a test or a search (not the layout)."""
        parts = [self.title, self.reference, self.organization, self.prepared_for, *self.notes]
        for d in self.determinations:
            parts += [d.heading, d.answer, d.reason, *d.citations, d.record, *d.out_of_date]
            parts += [f"{f.label} {f.value} {f.source}" for f in d.facts]
            for r in d.rulesets:
                parts += [r.title, r.id, r.version, r.answer, r.reason, *r.citations]
        return "\n".join(parts)
