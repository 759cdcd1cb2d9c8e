"""The Organizations screen: the applicant companies, searchable, editable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from licenseapp.domain.countries import country_name
from licenseapp.gui.applications.model import fold
from licenseapp.gui.organizations.dialog import OrganizationDialog
from licenseapp.gui.people.records_page import RecordsPage
from licenseapp.gui.records_model import RecordsModel, RecordsProxy
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.services.catalog.organizations import OrganizationSummary
    from licenseapp.store.database import Database

class OrganizationColumn(IntEnum):
    NAME = 0
    CITY = 1
    COUNTRY = 2
    PEOPLE = 3
    CONTACT = 4
    SIGNATORY = 5


HEADERS: dict[int, str] = {
    OrganizationColumn.NAME: "Legal name",
    OrganizationColumn.CITY: "City",
    OrganizationColumn.COUNTRY: "Country",
    OrganizationColumn.PEOPLE: "People",
    OrganizationColumn.CONTACT: "Contact",
    OrganizationColumn.SIGNATORY: "Signatory",
}

_DISPLAY: dict[int, Callable[[OrganizationSummary], str]] = {
    OrganizationColumn.NAME: lambda o: o.legal_name,
    OrganizationColumn.CITY: lambda o: o.city,
    OrganizationColumn.COUNTRY:
        lambda o: f"{o.country} — {country_name(o.country)}" if o.country else "",
    OrganizationColumn.CONTACT: lambda o: o.contact_name,
    OrganizationColumn.SIGNATORY: lambda o: o.signatory_name,
    OrganizationColumn.PEOPLE: lambda o: f"{o.people:,}",
}

_WIDTH_CHARS = {OrganizationColumn.NAME: 30, OrganizationColumn.CITY: 14,
                OrganizationColumn.COUNTRY: 16, OrganizationColumn.CONTACT: 18,
                OrganizationColumn.SIGNATORY: 18, OrganizationColumn.PEOPLE: 7}


def search_key(org: OrganizationSummary) -> str:
    return fold("\n".join([org.legal_name, org.city, org.country, org.contact_name,
                           org.signatory_name]))


class OrganizationsModel(RecordsModel["OrganizationSummary"]):
    """One row per :class:`OrganizationSummary`; read-only."""

    headers = HEADERS
    display = _DISPLAY
    typed = {OrganizationColumn.PEOPLE: lambda o: o.people}

    def search_key(self, record: OrganizationSummary) -> str:
        return search_key(record)

    def sort_value(self, record: OrganizationSummary, column: int) -> Any:
        if column == OrganizationColumn.PEOPLE:
            return record.people
        return super().sort_value(record, column)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == OrganizationColumn.PEOPLE else None


class OrganizationsProxy(RecordsProxy["OrganizationSummary"]):
    """Every word typed must appear in the name, city, country or contacts."""


def load_organization_in(db: Database, org_id: int | None) -> OrganizationForm | None:
    from licenseapp.services.catalog.organizations import load_organization

    return load_organization(db, org_id) if org_id is not None else None


class OrganizationsPage(RecordsPage["OrganizationSummary"]):
    kind = Kind.ORGANIZATIONS
    noun = "organization"
    plural = "organizations"

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, OrganizationsModel(), OrganizationsProxy(), _WIDTH_CHARS,
                         search_hint="Search by name, city, country or contact",
                         parent=parent)
        self.model.setParent(self)
        self.proxy.setParent(self)

    def empty_message(self) -> str:
        return ("No organizations yet. Start with your own company: its name, address and "
                "registrations are printed on every application.")

    def load_rows(self, db: Database) -> Sequence[OrganizationSummary]:
        from licenseapp.services.catalog.organizations import list_organizations

        return list_organizations(db)

    def open_record(self, db: Database, record_id: int | None) -> None:
        self._runner.submit(lambda: load_organization_in(db, record_id),
                            lambda form: self._show(db, form), self.opening_failed,
                            context=self)

    def _show(self, db: Database, form: OrganizationForm | None) -> None:
        self.show_dialog(OrganizationDialog(self._runner, db, form, self))
