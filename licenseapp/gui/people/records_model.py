"""The read-only table model and search proxy under a records screen (People, Organizations).

A subclass names its columns (``headers``), how each cell reads (``display``) and what the
search box looks in (``search_key``); sorting is on :data:`SORT_ROLE`, by default the
cell's text case-folded, and every word typed must appear in the row's search key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from licenseapp.gui.applications.model import fold
from licenseapp.gui.people.records_page import ID_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordsModel(QAbstractTableModel):
    """One row per summary (a dataclass with an ``id``); read-only."""

    headers: ClassVar[Mapping[int, str]] = {}
    display: ClassVar[Mapping[int, Callable[[Any], str]]] = {}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._keys: list[str] = []

    # -- to override -----------------------------------------------------------------------
    def search_key(self, record: Any) -> str:
        return fold("\n".join(fn(record) for fn in self.display.values()))

    def sort_value(self, record: Any, column: int) -> Any:
        return self.display[column](record).casefold()

    def tooltip(self, record: Any, column: int) -> str | None:
        return self.display[column](record) or None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    # -- the model -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [self.search_key(r) for r in self._rows]
        self.endResetModel()

    def record_at(self, row: int) -> Any:
        return self._rows[row]

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, record_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display[column](record)
        if role == SORT_ROLE:
            return self.sort_value(record, column)
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = self.alignment(column)
            return None if align is None else int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in self.headers):
            return self.headers[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


class RecordsProxy(QSortFilterProxyModel):
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
        assert isinstance(model, RecordsModel)
        key = model.key_at(source_row)
        return all(term in key for term in self._terms)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


__all__ = ["SORT_ROLE", "RecordsModel", "RecordsProxy"]
