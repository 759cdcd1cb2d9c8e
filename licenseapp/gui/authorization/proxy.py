"""Filters the matrix: people and items by text, cells by state or "only problems".

Text: each word must match a person's name (any script, accents optional) or reference; a
word that matches no person at all is looked for in the items' names, references and ECCNs
instead, and narrows the columns to the items it matches ("mythos", "4e091"). A whole
phrase that names an item and no person ("Mythos 5") is an item filter.

State / problems: a row is shown if one of its shown cells passes, and the columns narrow
to the items with such a cell; the other cells of a shown row are greyed, not hidden, so a
row still reads as a person's whole picture.

Which of the matrix's rows and columns pass is worked out once per filter change, on the
matrix's own rows and columns (a word is found in the rows' joined texts, the cells that
pass in a byte per cell: Python per row found or cell passing, not per row), and shown as a
:class:`ShownRowsProxy`: one layout change, no call into Python per row from C++. Sorting
is done by :class:`MatrixModel`; the same rows then pass, in its new order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress, count
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot

from licenseapp.gui.applications.model import fold
from licenseapp.gui.authorization.model import BY_PERSON, MatrixModel
from licenseapp.gui.shown_rows_proxy import ShownRowsProxy
from licenseapp.gui.theme import Ink, current
from licenseapp.services.directive.matrix_cell import STATES

if TYPE_CHECKING:
    from licenseapp.services.directive.authorization import MatrixCell

ModelIndex = QModelIndex | QPersistentModelIndex

_DIMMED_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                 Qt.ItemDataRole.FontRole)
#: Whether a grid entry is a cell (-1: none).
_IS_CELL = (-1).__lt__


class MatrixFilterProxy(ShownRowsProxy):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._states: frozenset[str] | None = None  # AuthState values
        self._problems_only = False
        self._source: MatrixModel | None = None
        #: A byte per matrix row (not shown row), 1 where it passes; None: every row.
        self._rows_ok: bytes | None = None
        self._columns_ok: list[bool] | None = None  # None: every column
        self._columns: list[int] = []  # shown column -> model column
        self._column_place: list[int] = []  # model column -> shown column, or -1
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- filters -----------------------------------------------------------------------

    def set_text_filter(self, text: str) -> None:
        folded = " ".join(fold(text).split())
        if folded != self._text:
            self._text = folded
            self._changed()

    def set_state_filter(self, states: Iterable[str] | None) -> None:
        """Only cells in these states (``AuthState`` values); None for all."""
        wanted = None if states is None else frozenset(str(s) for s in states)
        if wanted != self._states:
            self._states = wanted
            self._changed()

    def set_problems_only(self, on: bool) -> None:
        """Only accesses that are on without the license they need."""
        if on != self._problems_only:
            self._problems_only = on
            self._changed()

    @property
    def is_filtered(self) -> bool:
        return bool(self._text) or self.filters_cells

    @property
    def filters_cells(self) -> bool:
        return self._states is not None or self._problems_only

    def cell_passes(self, cell: MatrixCell | None) -> bool:
        """Whether a cell passes the state and problem filters (not the text filter)."""
        if cell is None:
            return not self.filters_cells
        if self._states is not None and cell.state not in self._states:
            return False
        return not self._problems_only or cell.unauthorized_access

    def row_passes(self, source_row: int) -> bool:
        """Whether the model's row passes the filters (is shown)."""
        place = self._row_place()
        return 0 <= source_row < len(place) and place[source_row] >= 0

    def shown_cell_indices(self) -> list[int]:
        """The matrix's cells the user sees (rows and columns shown, cells not greyed), by
        row then column: indices a worker can make cells of (:meth:`shown_cells`)."""
        model = self._model()
        matrix = model.matrix
        if matrix is None:
            return []
        columns = [matrix.column_cells(n) for n in self._columns]
        passes, order = self._passes(), model.order
        out: list[int] = []
        for row in self._shown:
            r = order[row]
            out.extend(k for cells in columns if (k := cells[r]) >= 0 and passes(k))
        return out

    def shown_cells(self) -> list[MatrixCell]:
        """The accesses the user sees, as cells."""
        matrix = self._model().matrix
        return [] if matrix is None else [matrix.cell_view(k) for k in self.shown_cell_indices()]

    def _passes(self) -> Callable[[int], bool]:
        """Whether the matrix's cell ``k`` passes the state and problem filters."""
        matrix = self._model().matrix
        states, problems = self._states, self._problems_only
        if matrix is None or (states is None and not problems):
            return lambda k: True
        ok = bytes(states is None or state.value in states for state in STATES)
        if not problems:
            return lambda k: bool(ok[matrix.state[k]])
        return lambda k: bool(ok[matrix.state[k]]) and matrix.unauthorized(k)

    def invalidate_filters(self) -> None:
        """The source's rows changed in place: which pass is worked out again."""
        self._changed()

    def _changed(self) -> None:
        """A filter changed: what passes is worked out again, shown as one layout change
        (the selection and current cell stay where they still show)."""
        if self._source is None:
            return
        self._begin_layout_change()
        self._compute()
        self._map()
        self._end_layout_change()

    # --- the source --------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if not isinstance(model, MatrixModel):
            raise TypeError("MatrixFilterProxy filters a MatrixModel")
        self._source = model
        self._follow(model, self._refresh)

    def _connections(self, model: MatrixModel) -> list[tuple[Any, Any]]:
        # What a MatrixModel emits: a reset (a matrix loaded), a layout change (sorted),
        # dataChanged and headerDataChanged (rows replaced in place: the page then asks
        # for invalidate_filters, once for them all).
        return [
            (model.modelAboutToBeReset, self.beginResetModel),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._begin_layout_change),
            (model.layoutChanged, self._source_sorted),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self._source_header_changed),
        ]

    def _model(self) -> MatrixModel:
        model = self._source
        assert model is not None
        return model

    def _refresh(self) -> None:
        self._compute()
        self._map()

    @Slot()
    def _source_sorted(self) -> None:
        """The same rows pass (they are the matrix's), in the model's new order."""
        self._map()
        self._end_layout_change()

    @Slot(QModelIndex, QModelIndex, list)
    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                             roles: list[int] | None = None) -> None:
        rows = self._shown_rows(top_left.row(), bottom_right.row())
        if rows and self._columns:
            self.dataChanged.emit(self.index(rows[0], 0),
                                  self.index(rows[-1], len(self._columns) - 1), roles or [])

    @Slot(Qt.Orientation, int, int)
    def _source_header_changed(self, orientation: Qt.Orientation, first: int,
                               last: int) -> None:
        if orientation == Qt.Orientation.Vertical:
            shown = self._shown_rows(first, last)
        else:
            shown = sorted(n for c in range(first, last + 1)
                           if (n := self._shown_column(c)) >= 0)
        if shown:
            self.headerDataChanged.emit(orientation, shown[0], shown[-1])

    def _shown_rows(self, first: int, last: int) -> list[int]:
        """Where the model's rows ``first`` to ``last`` show, in order (those shown)."""
        place = self._row_place()
        return sorted(n for r in range(max(first, 0), min(last + 1, len(place)))
                      if (n := place[r]) >= 0)

    # --- the computation ---------------------------------------------------------------

    def _split_text(self) -> tuple[list[set[int]], list[str]]:
        """(the matrix's rows each word for people finds, the words for items)."""
        model = self._model()
        text = self._text
        if not text:
            return [], []
        items = [item.key for item in model.items]
        if (" " in text and any(text in key for key in items)
                and not model.rows_with(text)):
            return [], [text]
        people: list[set[int]] = []
        item_words: list[str] = []
        for word in text.split():
            found = model.rows_with(word)
            if found or not any(word in key for key in items):
                people.append(found)
            else:
                item_words.append(word)
        return people, item_words

    def _compute(self) -> None:
        """Which of the matrix's rows and columns pass the filters."""
        model = self._model()
        matrix = model.matrix
        if matrix is None or not self.is_filtered:
            self._rows_ok = self._columns_ok = None
            return
        people, item_words = self._split_text()
        wanted = [all(w in item.key for w in item_words) for item in model.items]
        size = len(matrix.person_ids)
        rows_ok: bytes | None = None
        if people:
            found = set.intersection(*people)
            named = bytearray(size)
            for r in found:
                named[r] = 1
            rows_ok = bytes(named)
        if self.filters_cells:
            self._rows_ok, self._columns_ok = self._with_cells(rows_ok, wanted)
        elif item_words:
            self._rows_ok, self._columns_ok = self._with_items(rows_ok, wanted)
        else:
            self._rows_ok, self._columns_ok = rows_ok, wanted

    def _with_cells(self, rows_ok: bytes | None,
                    wanted: list[bool]) -> tuple[bytes, list[bool]]:
        """The rows (of ``rows_ok``) with a cell that passes the cell filters in a wanted
        column, and the columns with such a cell: Python per passing cell."""
        matrix = self._model().matrix
        assert matrix is not None
        row_of, column_of = matrix.row, matrix.column
        hit = bytearray(len(matrix.person_ids))
        used = [False] * len(wanted)
        for k in compress(count(), matrix.passing(self._states, self._problems_only)):
            row, column = row_of[k], column_of[k]
            if wanted[column] and (rows_ok is None or rows_ok[row]):
                hit[row] = 1
                used[column] = True
        return bytes(hit), used

    def _with_items(self, rows_ok: bytes | None,
                    wanted: list[bool]) -> tuple[bytes, list[bool]]:
        """The rows (of ``rows_ok``) with a cell in a wanted column, and the columns with
        such a row: a column's cells, whether each is one, as a row mask in a big integer."""
        matrix = self._model().matrix
        assert matrix is not None
        within = None if rows_ok is None else int.from_bytes(rows_ok, "big")
        hit = 0
        used = [False] * len(wanted)
        for n in compress(range(len(wanted)), wanted):
            bits = int.from_bytes(bytes(map(_IS_CELL, matrix.column_cells(n))), "big")
            if within is not None:
                bits &= within
            if bits:
                used[n] = True
                hit |= bits
        return hit.to_bytes(len(matrix.person_ids), "big"), used

    def _map(self) -> None:
        """Show the rows and columns that pass, in the model's order."""
        model = self._model()
        order, ok = model.order, self._rows_ok
        self._shown = (list(range(len(order))) if ok is None
                       else list(compress(range(len(order)), map(ok.__getitem__, order))))
        columns = model.columnCount()
        self._columns = (list(range(columns)) if self._columns_ok is None
                         else list(compress(range(columns), self._columns_ok)))
        self._column_place = [-1] * columns
        for n, column in enumerate(self._columns):
            self._column_place[column] = n
        self._place = None

    # --- columns and cells -------------------------------------------------------------

    def _source_column(self, column: int) -> int:
        return self._columns[column] if 0 <= column < len(self._columns) else -1

    def _shown_column(self, source_column: int) -> int:
        place = self._column_place
        return place[source_column] if 0 <= source_column < len(place) else -1

    def source_column(self, column: int) -> int:
        """The model's column shown as ``column`` here (-1 if none)."""
        if column < 0 or self._source is None:
            return BY_PERSON
        return self._source_column(column)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            model = self._source
            if model is None or not 0 <= section < len(self._shown):
                return None
            return model.headerData(self._shown[section], orientation, role)
        return super().headerData(section, orientation, role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._source
        if model is None or not index.isValid():
            return None
        n, c = index.row(), index.column()
        if not (0 <= n < len(self._shown) and 0 <= c < len(self._columns)):
            return None
        row, column = self._shown[n], self._columns[c]
        if role in _DIMMED_ROLES and self.filters_cells:
            k = model.cell_index(row, column)
            if k >= 0 and not self._passes()(k):
                return current().ink(Ink.HINT) if role == Qt.ItemDataRole.ForegroundRole else None
        return model.cell_data(row, column, role)

    # --- sorting, done by the source model ---------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        if self._source is not None:
            self._source.sort(self.source_column(column), order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
