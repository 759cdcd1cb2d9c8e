"""The columns of a person's citizenships, documents and résumé tables."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from licenseapp.domain.enums import DocumentKind, ResumeKind
from licenseapp.domain.person_form import CitizenshipForm, DocumentForm, ResumeForm
from licenseapp.domain.value_labels import CITIZENSHIP_BASES, DOCUMENT_KINDS, RESUME_KINDS, label
from licenseapp.gui.people.rows import (
    CHOICE,
    COUNTRY,
    DATE,
    MONTH,
    MONTH_OR_PRESENT,
    TEXT,
    RowColumn,
)

BASIS_CHOICES = tuple((label(CITIZENSHIP_BASES, basis), basis) for basis in CITIZENSHIP_BASES)
DOCUMENT_CHOICES = tuple((label(DOCUMENT_KINDS, k.value), k.value) for k in DocumentKind)
RESUME_CHOICES = tuple((label(RESUME_KINDS, k.value), k.value) for k in ResumeKind)


_NULLABLE = frozenset({"acquired_on", "ended_on", "issuing_country", "issued_on",
                       "expires_on"})


def _set(name: str) -> Any:
    """A setter for the row's field ``name`` (text fields never become None)."""
    nullable = name in _NULLABLE

    def apply(row: Any, value: Any) -> Any:
        return replace(row, **{name: value if nullable or value is not None else ""})

    return apply


def _field(header: str, kind: str, name: str, chars: int, **extra: Any) -> RowColumn[Any]:
    return RowColumn(header, kind, lambda row: getattr(row, name), _set(name), chars, **extra)


def _country(row: CitizenshipForm, value: Any) -> CitizenshipForm:
    return replace(row, country=value or "")


CITIZENSHIP_COLUMNS: list[RowColumn[CitizenshipForm]] = [
    RowColumn("Country", COUNTRY, lambda r: r.country or None, _country, 24),
    _field("Basis", CHOICE, "basis", 16, choices=BASIS_CHOICES),
    _field("Acquired", DATE, "acquired_on", 11),
    _field("Ended", DATE, "ended_on", 11),
]


def new_citizenship() -> CitizenshipForm:
    return CitizenshipForm(country="")


DOCUMENT_COLUMNS: list[RowColumn[DocumentForm]] = [
    _field("Kind", CHOICE, "kind", 18, choices=DOCUMENT_CHOICES),
    _field("Number", TEXT, "number", 13),
    _field("Issued by", COUNTRY, "issuing_country", 20),
    _field("Class", TEXT, "document_class", 8),
    _field("Issued", DATE, "issued_on", 11),
    _field("Expires", DATE, "expires_on", 11),
]


def new_document() -> DocumentForm:
    return DocumentForm(kind=DocumentKind.PASSPORT.value)


def _start(row: ResumeForm) -> tuple[int, int] | None:
    return (row.start_year, row.start_month) if row.start_month else None


def _set_start(row: ResumeForm, value: tuple[int, int] | None) -> ResumeForm:
    year, month = value if value is not None else (0, 0)
    return replace(row, start_year=year, start_month=month)


def _end(row: ResumeForm) -> tuple[int, int] | None:
    if row.end_year is None or row.end_month is None:
        return None
    return (row.end_year, row.end_month)


def _set_end(row: ResumeForm, value: tuple[int, int] | None) -> ResumeForm:
    year, month = value if value is not None else (None, None)
    return replace(row, end_year=year, end_month=month)


RESUME_COLUMNS: list[RowColumn[ResumeForm]] = [
    _field("Kind", CHOICE, "kind", 11, choices=RESUME_CHOICES),
    _field("School or employer", TEXT, "organization", 26),
    _field("Title or degree", TEXT, "title", 22),
    _field("Location", TEXT, "location", 14),
    RowColumn("From", MONTH, _start, _set_start, 7),
    RowColumn("To", MONTH_OR_PRESENT, _end, _set_end, 7),
    _field("Description", TEXT, "description", 14),
]


def new_resume_entry() -> ResumeForm:
    return ResumeForm(kind=ResumeKind.EMPLOYMENT.value, organization="", start_year=0,
                      start_month=0)
