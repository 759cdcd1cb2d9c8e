"""The people list as a Qt table model, and the search filter above it."""

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

from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.gui.applications.model import fold, ref_sort_key
from licenseapp.gui.people.records_page import ID_ROLE

if TYPE_CHECKING:
    from licenseapp.services.people import PersonSummary

ModelIndex = QModelIndex | QPersistentModelIndex
#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    REF = 0
    NAME = 1
    NATIVE_NAME = 2
    CITIZENSHIPS = 3
    STATUS = 4
    EMPLOYER = 5
    JOB_TITLE = 6


HEADERS = {
    Column.REF: "Ref.",
    Column.NAME: "Name",
    Column.NATIVE_NAME: "Name in native script",
    Column.CITIZENSHIPS: "Citizenships",
    Column.STATUS: "Immigration status",
    Column.EMPLOYER: "Employer",
    Column.JOB_TITLE: "Job title",
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


_DISPLAY: dict[Column, Callable[[PersonSummary], str]] = {
    Column.REF: lambda p: p.ref,
    Column.NAME: lambda p: p.name,
    Column.NATIVE_NAME: lambda p: p.native_name,
    Column.CITIZENSHIPS: lambda p: ", ".join(p.citizenships),
    Column.STATUS: lambda p: status_label(p.immigration_status),
    Column.EMPLOYER: lambda p: p.employer,
    Column.JOB_TITLE: lambda p: p.job_title,
}


class PeopleModel(QAbstractTableModel):
    """One row per :class:`PersonSummary`; read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonSummary] = []
        self._keys: list[str] = []

    def set_rows(self, rows: Sequence[PersonSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [search_key(r) for r in self._rows]
        self.endResetModel()

    def person_at(self, row: int) -> PersonSummary:
        return self._rows[row]

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, person_id: int) -> int:
        return next((n for n, p in enumerate(self._rows) if p.id == person_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](person)
        if role == SORT_ROLE:
            if column == Column.REF:
                return ref_sort_key(person.ref)
            return _DISPLAY[column](person).casefold()
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.CITIZENSHIPS and person.citizenships:
                return "\n".join(f"{country_name(c)} ({c})" for c in person.citizenships)
            return _DISPLAY[column](person) or None
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


class PeopleProxy(QSortFilterProxyModel):
    """Every word typed must appear (case- and Latin-accent-insensitive, any script)."""

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
        if not self._terms:
            return True
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        key = model.key_at(source_row)
        return all(term in key for term in self._terms)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))
