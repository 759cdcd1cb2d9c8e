"""The read-only table model and filter proxy under a list of records (People,
Organizations, Licenses, Deadlines).

A subclass names its columns (``headers``), how each cell reads (``display``), the roles
every column answers alike (``roles``, e.g. the record's id) and what the search box looks
in (``search_key``); it may colour, embolden or explain a cell (``cell``). Sorting is on
:data:`SORT_ROLE`, by default the cell's text case-folded; every word typed must appear in
the row's search key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from licenseapp.gui.applications.model import fold

ModelIndex = QModelIndex | QPersistentModelIndex
#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The record's database id under this role in every column (People, Organizations).
ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: The record a row shows (a plain value from a service, e.g. a PersonSummary).
R = TypeVar("R")


class _Identified(Protocol):
    id: int


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RecordsModel(QAbstractTableModel, Generic[R]):
    """One row per record (a plain, immutable value); read-only."""

    headers: ClassVar[Mapping[int, str]] = {}
    # (A class variable cannot name R: these take Any, the methods below take R.)
    display: ClassVar[Mapping[int, Callable[[Any], str]]] = {}
    #: Roles answered the same in every column: role -> the record's value.
    roles: ClassVar[Mapping[int, Callable[[Any], Any]]] = {ID_ROLE: lambda record: record.id}
    #: A cell's typed value where it has one (a date, a number), for exports; the other
    #: columns export their text as shown.
    typed: ClassVar[Mapping[int, Callable[[Any], Any]]] = {}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._keys: list[str] | None = None

    # -- to override -----------------------------------------------------------------------
    def text(self, record: R, column: int) -> str:
        """The cell as read (by default from :attr:`display`)."""
        return self.display[column](record)

    def search_key(self, record: R) -> str:
        return fold("\n".join(self.text(record, column) for column in self.headers))

    def sort_value(self, record: R, column: int) -> Any:
        return self.text(record, column).casefold()

    def tooltip(self, record: R, column: int) -> str | None:
        return self.text(record, column) or None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    def export_value(self, record: R, column: int) -> Any:
        """The cell as an export writes it: its :attr:`typed` value, else its text as shown.
        Plain Python on the record (no Qt): exports call it off the GUI thread."""
        typed = self.typed.get(column)
        return typed(record) if typed is not None else self.cell(
            record, column, Qt.ItemDataRole.DisplayRole)

    def identity(self, record: R) -> object:
        """What :meth:`row_of` finds a record by."""
        return cast("_Identified", record).id

    def cell(self, record: R, column: int, role: int) -> Any:
        """What the cell gives for ``role``; an override answers its own roles (colours,
        fonts) and hands the rest to this one."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, column)
        if role == SORT_ROLE:
            return self.sort_value(record, column)
        value = self.roles.get(role)
        if value is not None:
            return value(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = self.alignment(column)
            return None if align is None else int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        return None

    # -- the model -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = None  # made when the search box is first used
        self.endResetModel()

    def rows(self) -> Sequence[R]:
        return tuple(self._rows)

    def record_at(self, row: int) -> R:
        return self._rows[row]

    def key_at(self, row: int) -> str:
        if self._keys is None:
            self._keys = [self.search_key(r) for r in self._rows]
        return self._keys[row]

    def row_of(self, identity: object) -> int:
        """The row of the record whose :meth:`identity` is ``identity``, -1 if none."""
        return next((n for n, r in enumerate(self._rows) if self.identity(r) == identity), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in self.headers):
            return self.headers[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class RecordsProxy(QSortFilterProxyModel, Generic[R]):
    """Every word typed must appear (case- and Latin-accent-insensitive, any script).

    A subclass adds its own filters in :meth:`accepts` and changes them inside
    :meth:`filter_change`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    @contextmanager
    def filter_change(self) -> Iterator[None]:
        """Change what the filters let through inside this block; the rows follow once."""
        self.beginFilterChange()
        try:
            yield
        finally:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text_filter(self, text: str) -> None:
        terms = tuple(fold(text).split())
        if terms != self._terms:
            with self.filter_change():
                self._terms = terms

    def records(self) -> RecordsModel[R]:
        model = self.sourceModel()
        assert isinstance(model, RecordsModel)
        return model

    def accepts(self, record: R) -> bool:
        """The subclass's own filters (the text is checked apart)."""
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.records()
        if not self.accepts(model.record_at(source_row)):
            return False
        if not self._terms:
            return True
        key = model.key_at(source_row)
        return all(term in key for term in self._terms)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))

    def shown(self) -> list[R]:
        """The records that pass the filters, in the order shown."""
        model = self.records()
        return [model.record_at(row) for row in self.shown_source_rows()]

    def shown_source_rows(self) -> list[int]:
        """The source rows that pass the filters, in the order shown."""
        return [self.mapToSource(self.index(row, 0)).row() for row in range(self.rowCount())]


__all__ = ["ID_ROLE", "SORT_ROLE", "RecordsModel", "RecordsProxy"]
