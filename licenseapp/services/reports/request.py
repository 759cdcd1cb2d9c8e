"""Which report a user asks for: its kind, and the days ahead or the application it needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from licenseapp.domain import validators
from licenseapp.errors import ValidationError

#: The longest look ahead the expiring report takes (ten years).
MAX_WITHIN_DAYS = 3650
DEFAULT_WITHIN_DAYS = 90


class ReportKind(StrEnum):
    PENDING = "pending"
    EXPIRING = "expiring"
    CASE = "case"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ReportKind.PENDING: "Pending applications",
    ReportKind.EXPIRING: "Expiring licenses and documents",
    ReportKind.CASE: "Case record",
}


@dataclass(frozen=True)
class ReportRequest:
    """A report asked for; :meth:`checked` refuses what cannot be built, in the user's words."""

    kind: ReportKind
    ref: str = ""  # the application, for a case record
    within_days: int = DEFAULT_WITHIN_DAYS  # for the expiring report

    def checked(self) -> ReportRequest:
        if self.kind is ReportKind.CASE:
            if not self.ref.strip():
                raise ValidationError("ref", "a case record needs an application reference, "
                                      "e.g. LA-2026-0042")
            return ReportRequest(self.kind, validators.application_ref(self.ref, "ref"))
        if self.ref:
            raise ValidationError("ref", f"the {self.kind.label.lower()} report is about every "
                                  "application, not one: leave the reference out")
        if self.kind is ReportKind.EXPIRING and not 0 < self.within_days <= MAX_WITHIN_DAYS:
            raise ValidationError("within", f"give a number of days from 1 to {MAX_WITHIN_DAYS}")
        return self

    def file_name(self, day: str) -> str:
        """A file name for the report made on ``day``: ``LA-2026-0042-case-record.pdf``,
        ``pending-applications-2026-12-06.pdf``."""
        if self.kind is ReportKind.CASE:
            return f"{self.ref}-case-record.pdf"
        stem = self.kind.label.lower().replace(" ", "-")
        return f"{stem}-{day}.pdf"
