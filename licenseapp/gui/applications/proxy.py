"""Filters the applications list by text, status, regulator and owner.

The text filter is case- and accent-insensitive and looks in the reference, the foreign
national's names (Latin and native script), the ACN, item names and ECCNs; every word typed
must match. Sorting is delegated to :class:`ApplicationsTableModel`, which sorts its Python
list in one go; this proxy keeps the source order.

Not a ``QSortFilterProxyModel``: that one asks ``filterAcceptsRow`` once per row from C++,
and 100,000 calls into Python cost more than the 100 ms a keystroke may take. Here a filter
change is a few list comprehensions over the loaded rows, and a sort of the source only
re-reads which loaded rows passed, in the new order. The source changes by reset, by layout
change, by rows changed in place (a status recorded) or by rows inserted at the top (a new
draft); the last two cost a few rows' work, whatever the list's size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from licenseapp.gui.applications.model import (
    ANSWERED_ROLES,
    ROW_FLAGS,
    ApplicationsTableModel,
    fold,
)
from licenseapp.gui.shown_rows_proxy import ShownRowsProxy

ModelIndex = QModelIndex | QPersistentModelIndex

#: Above this many rows entering or leaving the filtered list at once, it is shown afresh.
_FEW_FLIPS = 50


class ApplicationsFilterProxy(ShownRowsProxy):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: ApplicationsTableModel | None = None
        self._terms: tuple[str, ...] = ()
        self._statuses: frozenset[str] | None = None
        self._regulator: str | None = None
        self._owner: str | None = None
        # Whether each loaded row passes (None: every row does), then the source rows
        # shown, in the source's order, and (built when asked) each source row's place.
        self._passes: bytearray | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- filters -----------------------------------------------------------------------

    def set_text_filter(self, text: str) -> None:
        terms = tuple(fold(text).split())
        if terms != self._terms:
            self._change_filter(lambda: setattr(self, "_terms", terms))

    def set_status_filter(self, statuses: Iterable[str] | str | None) -> None:
        """Only these statuses (values such as ``"submitted"``); None for all."""
        if isinstance(statuses, str):
            statuses = (statuses,)
        wanted = frozenset(str(s) for s in statuses) if statuses is not None else None
        if wanted != self._statuses:
            self._change_filter(lambda: setattr(self, "_statuses", wanted))

    def set_regulator_filter(self, regulator: str | None) -> None:
        """Only this regulator's applications (``"BIS"``, ``"DDTC"``, ``"ECJU"``); None for all."""
        wanted = str(regulator) if regulator is not None else None
        if wanted != self._regulator:
            self._change_filter(lambda: setattr(self, "_regulator", wanted))

    def set_owner_filter(self, owner: str | None) -> None:
        """Only applications owned by ``owner`` ("Mine"); None for everyone's."""
        wanted = owner.strip() if owner else None
        if wanted != self._owner:
            self._change_filter(lambda: setattr(self, "_owner", wanted))

    @property
    def owner_filter(self) -> str | None:
        return self._owner

    @property
    def is_filtered(self) -> bool:
        return (bool(self._terms) or self._statuses is not None or self._regulator is not None
                or self._owner is not None)

    def _change_filter(self, apply: Callable[[], None]) -> None:
        apply()
        # One layout change keeps the selection and the current row when they still show.
        self._begin_layout_change()
        self._passes = self._which_pass()
        self._shown = self._rows_shown()
        self._end_layout_change()

    # --- the source --------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if not isinstance(model, ApplicationsTableModel):
            raise TypeError("ApplicationsFilterProxy filters an ApplicationsTableModel")
        self._source = model
        self._follow(model, self._refresh)

    def _refresh(self) -> None:
        self._passes = self._which_pass()
        self._shown = self._rows_shown()

    def _connections(self, model: ApplicationsTableModel) -> list[tuple[Any, Any]]:
        return [
            (model.modelAboutToBeReset, self._source_about_to_reset),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
            (model.layoutChanged, self._source_layout_changed),
            (model.headerDataChanged, self.headerDataChanged),
            (model.dataChanged, self._source_data_changed),
            (model.rowsInserted, self._source_rows_inserted),
        ]

    @Slot()
    def _source_about_to_reset(self) -> None:
        self.beginResetModel()

    @Slot()
    def _source_reset(self) -> None:
        self._passes = self._which_pass()
        self._shown = self._rows_shown()
        self._place = None
        self.endResetModel()

    @Slot()
    def _source_layout_about_to_change(self) -> None:
        self._begin_layout_change()

    @Slot()
    def _source_layout_changed(self) -> None:
        # Who passes is unchanged, only the order; unfiltered, every source row still shows
        # where it is (a sort: no list of 100,000 row numbers made again).
        if self._passes is not None or self._source is None or (
                len(self._shown) != self._source.rowCount()):
            self._shown = self._rows_shown()
        self._end_layout_change()

    @Slot(QModelIndex, QModelIndex, list)
    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int] | None = None
    ) -> None:
        """Rows changed in place: shown as they are now, or no longer shown if they stop
        passing the filters, or shown now if they start to."""
        source = self._source
        if source is None:
            return
        top, bottom = top_left.row(), bottom_right.row()
        order, passes = source.order(), self._passes
        flips: list[tuple[int, bool]] = []
        for source_row in range(top, bottom + 1):
            loaded = order[source_row]
            now = self._row_passes(loaded)
            if passes is not None and bool(passes[loaded]) != now:
                passes[loaded] = now
                flips.append((source_row, now))
        if len(flips) > _FEW_FLIPS:  # many rows in or out at once: show them afresh
            self.beginResetModel()
            self._shown = self._rows_shown()
            self._place = None
            self.endResetModel()
            return
        for source_row, now in flips:
            place = bisect_left(self._shown, source_row)
            if now:
                self.beginInsertRows(QModelIndex(), place, place)
                self._shown.insert(place, source_row)
                self._place = None
                self.endInsertRows()
            else:
                self.beginRemoveRows(QModelIndex(), place, place)
                del self._shown[place]
                self._place = None
                self.endRemoveRows()
        first, last = bisect_left(self._shown, top), bisect_right(self._shown, bottom) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    @Slot(QModelIndex, int, int)
    def _source_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        """New rows in the source (at ``first``..``last``): those that pass are shown."""
        source = self._source
        if source is None:
            return
        count = last - first + 1
        order = source.order()
        if self._passes is not None:
            self._passes.extend(bytes(len(source.loaded_rows()) - len(self._passes)))
        passing = []
        for source_row in range(first, last + 1):
            loaded = order[source_row]
            ok = self._row_passes(loaded)
            if self._passes is not None:
                self._passes[loaded] = ok
            if ok:
                passing.append(source_row)
        at = bisect_left(self._shown, first)
        moved = [row + count for row in self._shown[at:]]
        if passing:
            self.beginInsertRows(QModelIndex(), at, at + len(passing) - 1)
        self._shown[at:] = passing + moved
        self._place = None
        if passing:
            self.endInsertRows()

    def _row_passes(self, loaded: int) -> bool:
        """Whether one loaded row passes every active filter."""
        model = self._source
        if model is None:
            return False
        row, key = model.loaded_rows()[loaded], model.loaded_keys()[loaded]
        return (all(term in key for term in self._terms)
                and (self._statuses is None or row.status in self._statuses)
                and (self._regulator is None or row.regulator == self._regulator)
                and (self._owner is None or row.owner == self._owner))

    def _which_pass(self) -> bytearray | None:
        """One pass per active filter over the loaded rows; None when nothing is filtered."""
        model = self._source
        if model is None or not self.is_filtered:
            return None
        rows, keys = model.loaded_rows(), model.loaded_keys()
        passing: Sequence[int] = range(len(rows))
        for term in self._terms:
            passing = [i for i in passing if term in keys[i]]
        if self._statuses is not None:
            statuses = self._statuses
            passing = [i for i in passing if rows[i].status in statuses]
        if self._regulator is not None:
            regulator = self._regulator
            passing = [i for i in passing if rows[i].regulator == regulator]
        if self._owner is not None:
            owner = self._owner
            passing = [i for i in passing if rows[i].owner == owner]
        passes = bytearray(len(rows))
        for i in passing:
            passes[i] = 1
        return passes

    def _rows_shown(self) -> list[int]:
        """The source rows that pass, in the source's order."""
        model = self._source
        if model is None:
            return []
        passes = self._passes
        if passes is None:
            return list(range(model.rowCount()))
        return [n for n, loaded in enumerate(model.order()) if passes[loaded]]

    def mapFromSource(self, sourceIndex: ModelIndex) -> QModelIndex:
        """The shown rows keep the source's order: a binary search finds one, with no map
        of every source row made again after each sort (4 ms a time at 100,000 rows)."""
        if not sourceIndex.isValid() or self._source is None:
            return QModelIndex()
        shown, row = self._shown, sourceIndex.row()
        place = row if self._passes is None else bisect_left(shown, row)
        if place < len(shown) and shown[place] == row:
            return self.createIndex(place, sourceIndex.column())
        return QModelIndex()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid() or self._source is None:
            return None
        return self._source.cell(self._shown[index.row()], index.column(), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Every row's, as the source gives them (asked for each cell painted: no mapping)."""
        if not index.isValid() or self._source is None:
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    # --- sorting, done by the source model ---------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        if self._source is not None:
            self._source.sort(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
