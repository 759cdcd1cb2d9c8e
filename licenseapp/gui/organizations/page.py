"""The Organizations screen: the applicant companies, searchable, editable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from licenseapp.domain.countries import country_name
from licenseapp.gui.applications.model import fold
from licenseapp.gui.organizations.dialog import OrganizationDialog
from licenseapp.gui.people.records_page import ID_ROLE, RecordsPage
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.services.organizations import OrganizationSummary
    from licenseapp.store.database import Database

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    CITY = 1
    COUNTRY = 2
    PEOPLE = 3
    CONTACT = 4
    SIGNATORY = 5


HEADERS = {
    Column.NAME: "Legal name",
    Column.CITY: "City",
    Column.COUNTRY: "Country",
    Column.PEOPLE: "People",
    Column.CONTACT: "Contact",
    Column.SIGNATORY: "Signatory",
}

_DISPLAY: dict[Column, Callable[[OrganizationSummary], str]] = {
    Column.NAME: lambda o: o.legal_name,
    Column.CITY: lambda o: o.city,
    Column.COUNTRY: lambda o: f"{o.country} — {country_name(o.country)}" if o.country else "",
    Column.CONTACT: lambda o: o.contact_name,
    Column.SIGNATORY: lambda o: o.signatory_name,
    Column.PEOPLE: lambda o: f"{o.people:,}",
}

_WIDTH_CHARS = {Column.NAME: 30, Column.CITY: 14, Column.COUNTRY: 16, Column.CONTACT: 18,
                Column.SIGNATORY: 18, Column.PEOPLE: 7}


def search_key(org: OrganizationSummary) -> str:
    return fold("\n".join([org.legal_name, org.city, org.country, org.contact_name,
                           org.signatory_name]))


class OrganizationsModel(QAbstractTableModel):
    """One row per :class:`OrganizationSummary`; read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganizationSummary] = []
        self._keys: list[str] = []

    def set_rows(self, rows: Sequence[OrganizationSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [search_key(r) for r in self._rows]
        self.endResetModel()

    def organization_at(self, row: int) -> OrganizationSummary:
        return self._rows[row]

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, org_id: int) -> int:
        return next((n for n, o in enumerate(self._rows) if o.id == org_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        org, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](org)
        if role == SORT_ROLE:
            return org.people if column == Column.PEOPLE else _DISPLAY[column](org).casefold()
        if role == ID_ROLE:
            return org.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _DISPLAY[column](org) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


class OrganizationsProxy(QSortFilterProxyModel):
    """Every word typed must appear in the name, city, country or contacts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_text_filter(self, text: str) -> None:
        terms = tuple(fold(text).split())
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OrganizationsModel)
        key = model.key_at(source_row)
        return all(term in key for term in self._terms)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


def load_organization_in(db: Database, org_id: int | None) -> OrganizationForm | None:
    from licenseapp.services.organizations import load_organization

    return load_organization(db, org_id) if org_id is not None else None


class OrganizationsPage(RecordsPage):
    noun = "organization"
    plural = "organizations"

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, OrganizationsModel(), OrganizationsProxy(), _WIDTH_CHARS,
                         search_hint="Search by name, city, country or contact",
                         parent=parent)
        self.model.setParent(self)
        self.proxy.setParent(self)

    def load_rows(self, db: Database) -> Sequence[Any]:
        from licenseapp.services.organizations import list_organizations

        return list_organizations(db)

    def open_record(self, db: Database, record_id: int | None) -> None:
        self._runner.submit(lambda: load_organization_in(db, record_id),
                            lambda form: self._show(db, form), self.opening_failed,
                            context=self)

    def _show(self, db: Database, form: OrganizationForm | None) -> None:
        self.show_dialog(OrganizationDialog(self._runner, db, form, self))
