"""The people list as a Qt table model, and the search filter above it."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.gui.applications.model import fold, ref_sort_key
from licenseapp.gui.records_model import RecordsModel, RecordsProxy

if TYPE_CHECKING:
    from licenseapp.services.catalog.people import PersonSummary


class PersonColumn(IntEnum):
    REF = 0
    NAME = 1
    NATIVE_NAME = 2
    CITIZENSHIPS = 3
    STATUS = 4
    EMPLOYER = 5
    JOB_TITLE = 6


HEADERS: dict[int, str] = {
    PersonColumn.REF: "Ref.",
    PersonColumn.NAME: "Name",
    PersonColumn.NATIVE_NAME: "Name in native script",
    PersonColumn.CITIZENSHIPS: "Citizenships",
    PersonColumn.STATUS: "Immigration status",
    PersonColumn.EMPLOYER: "Employer",
    PersonColumn.JOB_TITLE: "Job title",
}


def status_label(value: str) -> str:
    if not value:
        return ""
    try:
        return ImmigrationStatus(value).label
    except ValueError:
        return value


def search_key(person: PersonSummary) -> str:
    """What the search box looks in: ref, names in any script, employer, title, countries."""
    return fold("\n".join([person.ref, person.name, person.native_name, person.employer,
                           person.job_title, *person.citizenships]))


_DISPLAY: dict[int, Callable[[PersonSummary], str]] = {
    PersonColumn.REF: lambda p: p.ref,
    PersonColumn.NAME: lambda p: p.name,
    PersonColumn.NATIVE_NAME: lambda p: p.native_name,
    PersonColumn.CITIZENSHIPS: lambda p: ", ".join(p.citizenships),
    PersonColumn.STATUS: lambda p: status_label(p.immigration_status),
    PersonColumn.EMPLOYER: lambda p: p.employer,
    PersonColumn.JOB_TITLE: lambda p: p.job_title,
}


class PeopleModel(RecordsModel["PersonSummary"]):
    """One row per :class:`PersonSummary`; read-only."""

    headers = HEADERS
    display = _DISPLAY

    def search_key(self, record: PersonSummary) -> str:
        return search_key(record)

    def sort_value(self, record: PersonSummary, column: int) -> Any:
        if column == PersonColumn.REF:
            return ref_sort_key(record.ref)
        return super().sort_value(record, column)

    def tooltip(self, record: PersonSummary, column: int) -> str | None:
        if column == PersonColumn.CITIZENSHIPS and record.citizenships:
            return "\n".join(f"{country_name(c)} ({c})" for c in record.citizenships)
        return super().tooltip(record, column)


class PeopleProxy(RecordsProxy["PersonSummary"]):
    """Every word typed must appear (case- and Latin-accent-insensitive, any script)."""
