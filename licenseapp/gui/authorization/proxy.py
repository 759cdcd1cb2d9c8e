"""Filters the matrix: people and items by text, cells by state or "only problems".

Text: each word must match a person's name (any script, accents optional) or reference; a
word that matches no person at all is looked for in the items' names, references and ECCNs
instead, and narrows the columns to the items it matches ("mythos", "4e091"). A whole
phrase that names an item and no person ("Mythos 5") is an item filter.

State / problems: a row is shown if one of its shown cells passes, and the columns narrow
to the items with such a cell; the other cells of a shown row are greyed, not hidden, so a
row still reads as a person's whole picture.

Which rows and columns pass is computed once per filter change (one Python call per row
from C++ costs seconds at scale); sorting is done by :class:`MatrixModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)

from licenseapp.gui.applications.model import fold
from licenseapp.gui.authorization.model import BY_PERSON, PASS_ROLE, PASSES, MatrixModel
from licenseapp.gui.theme import Ink, current
from licenseapp.services.directive.matrix_cell import STATES

if TYPE_CHECKING:
    from licenseapp.services.directive.authorization import MatrixCell

_DIMMED_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                 Qt.ItemDataRole.FontRole)


class MatrixFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._states: frozenset[str] | None = None  # AuthState values
        self._problems_only = False
        self._rows_ok: list[bool] | None = None
        self._columns_ok: list[bool] | None = None
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

    def shown_cell_indices(self) -> list[int]:
        """The matrix's cells the user sees (rows and columns shown, cells not greyed), by
        row then column: indices a worker can make cells of (:meth:`shown_cells`)."""
        model = self._model()
        self._ensure()
        assert self._rows_ok is not None and self._columns_ok is not None
        columns = [n for n, ok in enumerate(self._columns_ok) if ok]
        passes = self._passes()
        out: list[int] = []
        by_row = zip(*(model.column_cells(n) for n in columns), strict=True)
        for cells in compress(by_row, self._rows_ok):
            out.extend(k for k in cells if k >= 0 and passes(k))
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
        self._forget()
        wanted = PASSES if self.is_filtered else ""
        if self.filterRegularExpression().pattern() != wanted:
            # Qt filters again row range by row range when the expression changes (a signal
            # per range): the mapping is let go first, quietly, so it is made once below.
            blocked = self.blockSignals(True)
            self.invalidate()
            self.setFilterRegularExpression(wanted)
            self.blockSignals(blocked)
            self.layoutAboutToBeChanged.emit()
            self.layoutChanged.emit()
        else:
            # One layout change: the incremental update signals every removed range apart.
            self.invalidate()

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if not isinstance(model, MatrixModel):
            raise TypeError("MatrixFilterProxy filters a MatrixModel")
        super().setSourceModel(model)
        model.passes = self.row_passes
        self.setFilterRole(PASS_ROLE)
        self.setFilterKeyColumn(0)
        model.layoutAboutToBeChanged.connect(self._forget)
        model.modelAboutToBeReset.connect(self._forget)

    @Slot()
    def _forget(self) -> None:
        self._rows_ok = self._columns_ok = None

    def _model(self) -> MatrixModel:
        model = self.sourceModel()
        assert isinstance(model, MatrixModel)
        return model

    def row_passes(self, source_row: int) -> bool:
        """Whether the model's row passes the filters (the model answers :data:`PASS_ROLE`
        with it, which Qt's own filter reads only while a filter is on: with none, no
        Python is called per row when the matrix arrives or is sorted)."""
        rows_ok = self._rows_ok
        if rows_ok is None:
            if not self.is_filtered:
                return True
            self._ensure()
            rows_ok = self._rows_ok
            assert rows_ok is not None
        return source_row < len(rows_ok) and rows_ok[source_row]

    def filterAcceptsColumn(
        self, source_column: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.is_filtered:
            return True
        self._ensure()
        assert self._columns_ok is not None
        return source_column < len(self._columns_ok) and self._columns_ok[source_column]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _DIMMED_ROLES and self.filters_cells and index.isValid():
            source = self.mapToSource(index)
            k = self._model().cell_index(source.row(), source.column())
            if k >= 0 and not self._passes()(k):
                return current().ink(Ink.HINT) if role == Qt.ItemDataRole.ForegroundRole else None
        return super().data(index, role)

    # --- the computation ---------------------------------------------------------------

    def _ensure(self) -> None:
        if self._rows_ok is None or self._columns_ok is None:
            self._rows_ok, self._columns_ok = self._compute()

    def _split_text(self) -> tuple[list[str], list[str], list[str]]:
        """(words for people, words for items, the rows' texts when a word is for people)."""
        model = self._model()
        text = self._text
        if not text:
            return [], [], []
        people = model.keys()
        items = [item.key for item in model.items]
        if (" " in text and not any(text in key for key in people)
                and any(text in key for key in items)):
            return [], [text], people
        person_words: list[str] = []
        item_words: list[str] = []
        for word in text.split():
            if any(word in key for key in people) or not any(word in key for key in items):
                person_words.append(word)
            else:
                item_words.append(word)
        return person_words, item_words, people

    def _compute(self) -> tuple[list[bool], list[bool]]:
        model = self._model()
        person_words, item_words, keys = self._split_text()
        items = model.items
        wanted = [all(w in item.key for w in item_words) for item in items]
        narrow = bool(item_words) or self.filters_cells
        rows_ok = ([all(w in key for w in person_words) for key in keys] if person_words
                   else [True] * model.rowCount())
        if not narrow:
            return rows_ok, wanted
        used = [False] * len(items)
        hit = [False] * len(rows_ok)
        passes = self._passes()
        for n, ok in enumerate(wanted):
            if not ok:
                continue
            for row, k in enumerate(model.column_cells(n)):
                if k >= 0 and rows_ok[row] and passes(k):
                    hit[row] = used[n] = True
        return hit, used

    def source_column(self, column: int) -> int:
        """The model's column shown as ``column`` here (-1 if none)."""
        if column < 0 or self.sourceModel() is None:
            return BY_PERSON
        if not self.is_filtered:
            return column if column < self._model().columnCount() else -1
        self._ensure()
        assert self._columns_ok is not None
        shown = [n for n, ok in enumerate(self._columns_ok) if ok]
        return shown[column] if column < len(shown) else -1

    # --- sorting, done by the source model ---------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        source = self.source_column(column)
        if self.sourceModel() is not None:
            self._model().sort(source, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
