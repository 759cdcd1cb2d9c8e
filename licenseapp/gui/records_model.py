"""The read-only table model and filter proxy under a list of records (People,
Organizations, Licenses, Deadlines).

A subclass names its columns (``headers``), how each cell reads (``display``), the roles
every column answers alike (``roles``, e.g. the record's id) and what the search box looks
in (``search_key``); it may colour, embolden or explain a cell (``cell``). Sorting is on
:data:`SORT_ROLE`, by default the cell's text case-folded; every word typed must appear in
the row's search key.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, NamedTuple, Protocol, TypeVar, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from licenseapp.gui import garbage
from licenseapp.gui.applications.model import fold
from licenseapp.gui.applications.sort_orders import OrderKey, column_orders
from licenseapp.gui.shown_rows_proxy import ShownRowsProxy

ModelIndex = QModelIndex | QPersistentModelIndex
#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The record's database id under this role in every column (People, Organizations).
ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: The record a row shows (a plain value from a service, e.g. a PersonSummary).
R = TypeVar("R")


class _Identified(Protocol):
    id: int


class Prepared(NamedTuple, Generic[R]):
    """What a list's worker hands :meth:`RecordsModel.set_rows`: the rows, their search
    keys, the sort values of the columns asked for, and every column's order both ways."""

    rows: Sequence[R]
    keys: list[str]
    values: dict[int, list[Any]]
    orders: dict[OrderKey, array[int]]


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
        self._values: dict[int, list[Any]] = {}  # column -> each row's sort value
        #: (column, descending) -> the rows in that order, made with the rows (worker).
        self._orders: dict[OrderKey, array[int]] = {}
        # Rows put in, taken out or changed by a subclass: the keys are made again.
        for signal in (self.rowsInserted, self.rowsRemoved, self.dataChanged, self.layoutChanged):
            signal.connect(self._forget_keys)

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
    def set_rows(self, rows: Sequence[R], keys: Sequence[str] | None = None,
                 values: Mapping[int, Sequence[Any]] | None = None,
                 orders: Mapping[OrderKey, array[int]] | None = None) -> None:
        """Replace every row. ``keys`` (each row's :meth:`search_key`), ``values``
        (column -> each row's :meth:`sort_value`) and ``orders`` may be given, worked out
        off the GUI thread (:meth:`prepared`); else they are made when first needed."""
        self.beginResetModel()
        self._rows = list(rows)
        count = len(self._rows)
        self._keys = list(keys) if keys is not None and len(keys) == count else None
        self._values = {column: list(v) for column, v in (values or {}).items()
                        if len(v) == count}
        self._orders = {key: order for key, order in (orders or {}).items()
                        if len(order) == count}
        self.endResetModel()
        garbage.loaded(len(self._rows))  # a big list: frozen out of full collections

    def prepared(self, rows: Sequence[R], columns: Sequence[int] = ()) -> Prepared[R]:
        """``rows`` with their search keys, the sort values of ``columns`` and every
        column's order both ways: plain Python (no Qt), to be called off the GUI thread and
        handed to :meth:`set_rows` — a click on a header then only swaps one order for
        another (at 50,000 rows, sorting on the GUI thread froze it ~60 ms)."""
        search_key, sort_value = self.search_key, self.sort_value
        values = {c: [sort_value(r, c) for r in rows] for c in columns}

        def values_of(column: int) -> list[Any]:
            return values[column] if column in values else [sort_value(r, column)
                                                             for r in rows]

        orders = column_orders(self.headers, values_of, range(len(rows)))
        return Prepared(rows, [search_key(r) for r in rows], values, orders)

    @Slot()
    def _forget_keys(self, *_args: object) -> None:
        self._keys = None
        self._values = {}
        self._orders = {}

    def search_keys(self) -> Sequence[str]:
        """Each row's :meth:`search_key`, in the rows' order (made once per load)."""
        if self._keys is None:
            self._keys = [self.search_key(r) for r in self._rows]
        return self._keys

    def sort_order(self, column: int, descending: bool) -> array[int] | None:
        """The rows sorted on ``column`` (equal values in the rows' order) if it was made
        with them (:meth:`prepared`) and no row changed since; else None."""
        return self._orders.get((column, descending))

    def sort_values(self, column: int) -> Sequence[Any]:
        """Each row's :meth:`sort_value` in ``column`` (made once per load and column)."""
        values = self._values.get(column)
        if values is None:
            sort_value = self.sort_value
            values = self._values[column] = [sort_value(r, column) for r in self._rows]
        return values

    def records_list(self) -> Sequence[R]:
        """The rows themselves (not a copy: not to be changed)."""
        return self._rows

    def cell_at(self, row: int, column: int, role: int) -> Any:
        return self.cell(self._rows[row], column, role)

    def rows(self) -> Sequence[R]:
        return tuple(self._rows)

    def record_at(self, row: int) -> R:
        return self._rows[row]

    def key_at(self, row: int) -> str:
        return self.search_keys()[row]

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


class RecordsProxy(ShownRowsProxy, Generic[R]):
    """Every word typed must appear (case- and Latin-accent-insensitive, any script).

    Sorts and filters in Python, in one go per change: a sort is one ``sorted`` of the
    source rows on the column's values (worked out once per load, see
    :meth:`RecordsModel.sort_values`), a filter a few list comprehensions. Not a
    ``QSortFilterProxyModel``: that one calls ``lessThan`` and ``filterAcceptsRow`` into
    Python from C++ once per comparison and per row, seconds at 50,000 rows. Equal values
    keep the source's order, as Qt's stable sort does.

    A subclass adds its own filters in :meth:`keep` (or, row by row, :meth:`accepts`) and
    changes them inside :meth:`filter_change`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._source: RecordsModel[R] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._order: list[int] | None = None  # source rows in sort order; None: as they are

    # --- filters -----------------------------------------------------------------------

    @contextmanager
    def filter_change(self) -> Iterator[None]:
        """Change what the filters let through inside this block; the rows follow once
        (one layout change: the selection and current row stay where they still show)."""
        self._begin_layout_change()
        try:
            yield
        finally:
            self._shown = self._rows_shown()
            self._end_layout_change()

    def set_text_filter(self, text: str) -> None:
        terms = tuple(fold(text).split())
        if terms != self._terms:
            with self.filter_change():
                self._terms = terms

    def records(self) -> RecordsModel[R]:
        model = self._source
        assert model is not None
        return model

    def accepts(self, record: R) -> bool:
        """The subclass's own filter, row by row (the text is checked apart)."""
        return True

    def keep(self, records: Sequence[R], rows: Sequence[int]) -> Sequence[int]:
        """Those of the source ``rows`` the subclass's own filters let through, in the order
        given (a subsequence: unsorted, it is what is shown). By default
        :meth:`accepts` row by row, when a subclass has it; a subclass may answer for all
        rows at once instead (a comprehension per filter)."""
        if type(self).accepts is RecordsProxy.accepts:
            return rows
        accepts = self.accepts
        return [n for n in rows if accepts(records[n])]

    def _rows_shown(self) -> list[int]:
        """The source rows that pass the filters, in the order shown."""
        model = self._source
        if model is None:
            return []
        records = model.records_list()
        everything = range(len(records))
        passing = self.keep(records, everything)
        if self._terms:
            keys = model.search_keys()
            for term in self._terms:
                passing = [n for n in passing if term in keys[n]]
        order = self._order
        if order is None:  # the source's order: what passed, as it came
            return list(passing)
        if passing is everything:
            return list(order)
        passes = bytearray(len(records))
        for n in passing:
            passes[n] = 1
        return [n for n in order if passes[n]]

    # --- sorting -----------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self._sort_column, self._sort_order) and (
                self._order is not None or column < 0):
            return  # QTableView.sortByColumn asks twice
        self._begin_layout_change()
        self._sort_column, self._sort_order = column, order
        self._order = self._sorted()
        self._shown = self._rows_shown()
        self._end_layout_change()

    def _sorted(self) -> list[int] | None:
        model = self._source
        if model is None or not 0 <= self._sort_column < model.columnCount():
            return None
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        made = model.sort_order(self._sort_column, descending)
        if made is not None:
            return made.tolist()
        values = model.sort_values(self._sort_column)
        return sorted(range(len(values)), key=values.__getitem__, reverse=descending)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    def setSortRole(self, role: int) -> None:
        """Kept for callers of the Qt proxy's API: this proxy sorts on :data:`SORT_ROLE`."""

    # --- the source --------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if not isinstance(model, RecordsModel):
            raise TypeError("a RecordsProxy shows a RecordsModel")
        self._source = model
        self._follow(model, self._refresh)

    def _connections(self, model: RecordsModel[R]) -> list[tuple[Any, Any]]:
        return [
            (model.modelAboutToBeReset, self.beginResetModel),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._begin_layout_change),
            (model.layoutChanged, self._source_moved),
            (model.rowsAboutToBeInserted, self._begin_layout_change),
            (model.rowsInserted, self._source_moved),
            (model.rowsAboutToBeRemoved, self._begin_layout_change),
            (model.rowsRemoved, self._source_moved),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self.headerDataChanged),
        ]

    def _refresh(self) -> None:
        self._order = self._sorted()
        self._shown = self._rows_shown()
        self._place = None

    @Slot()
    def _source_moved(self) -> None:
        """Source rows moved, came or went: sorted and filtered again, as one layout change."""
        self._refresh()
        self._end_layout_change()

    @Slot(QModelIndex, QModelIndex, list)
    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                             roles: list[int] | None = None) -> None:
        """Rows changed in place: what they show changed, so maybe their place and whether
        they pass; only their colours or check marks: the same rows, told so."""
        if roles and not {Qt.ItemDataRole.DisplayRole, SORT_ROLE} & set(roles):
            rows = [self.mapFromSource(self.records().index(n, 0)).row()
                    for n in range(top_left.row(), bottom_right.row() + 1)]
            rows = [n for n in rows if n >= 0]
            if rows:
                self.dataChanged.emit(self.index(min(rows), 0),
                                      self.index(max(rows), self.columnCount() - 1), roles)
            return
        self._begin_layout_change()
        self._source_moved()

    # --- what is shown -----------------------------------------------------------------

    def shown(self) -> list[R]:
        """The records that pass the filters, in the order shown."""
        records = self.records().records_list()
        return [records[n] for n in self._shown]

    # --- Qt interface ------------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._source is None or not 0 <= index.row() < len(
                self._shown):
            return None
        return self._source.cell_at(self._shown[index.row()], index.column(), role)


__all__ = ["ID_ROLE", "SORT_ROLE", "RecordsModel", "RecordsProxy"]
