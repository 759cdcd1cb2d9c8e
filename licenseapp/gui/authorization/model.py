"""The authorization matrix as a Qt table model: one row per person, one column per item.

The row header names the person (Latin and native script), so the names stay in view when
the items scroll sideways; every column is an item, headed by its name and ECCN. A cell
holds the :class:`MatrixCell` of that person's access to that item (or nothing: no access
held or requested) and shows its state in words and colour.

Everything is prepared off the GUI thread (:func:`prepare`). The model holds the matrix's
columns (:class:`~licenseapp.services.directive.matrix_columns.AuthorizationMatrix`) and an
``array`` of the rows' order: a matrix arrives without Python per row, a cell is made when
the view asks for it, and a column's sort reads the cells' state bytes, so 50,000 people
stay fast. The proxy (:class:`~licenseapp.gui.authorization.proxy.MatrixFilterProxy`) works
out which rows pass its filters in one go, on the matrix's rows (:meth:`MatrixModel.rows_with`,
:attr:`MatrixModel.order`).
"""

from __future__ import annotations

import textwrap
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from licenseapp.domain.search.texts import TextList
from licenseapp.gui.applications.model import fold
from licenseapp.gui.authorization.states import (
    LOOKS,
    NO_ACCESS_ORDER,
    NO_ACCESS_TEXT,
    NO_ACCESS_TIP,
    STATE_ORDER,
    cell_text,
    cell_tooltip,
    person_text,
)
from licenseapp.gui.theme import Ink, current
from licenseapp.services.directive.matrix_cell import STATES

if TYPE_CHECKING:  # the services import SQLAlchemy, which the window does not need to show
    from licenseapp.services.directive.authorization import AuthorizationMatrix, MatrixCell

#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The :class:`MatrixCell` of an item column (None where the person has no access).
CELL_ROLE = Qt.ItemDataRole.UserRole + 2
#: The person's id (cells and row header).
PERSON_ROLE = Qt.ItemDataRole.UserRole + 3

#: ``sort(BY_PERSON)`` sorts the rows by the person's name (the row header).
BY_PERSON = -1
#: Item names in the header wrap at this many characters, on at most two lines.
HEADER_WRAP = 22

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class MatrixItem:
    id: int
    ref: str
    name: str
    eccn: str
    key: str  # folded name, reference and ECCN, for the text filter

    @property
    def header(self) -> str:
        lines = textwrap.wrap(self.name, HEADER_WRAP) or [self.ref]
        if len(lines) > 2:
            lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), HEADER_WRAP,
                                                placeholder="…")]
        return "\n".join([*lines, self.eccn or "no ECCN"])


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A person's row as a reader sees it (the details pane, a test): made when asked for,
    from the matrix's columns."""

    person_id: int
    ref: str
    name: str
    native: str
    cells: tuple[MatrixCell | None, ...]  # one per item column, in the items' order
    key: str  # folded name, native name and reference, for the text filter

    @property
    def text(self) -> str:
        return person_text(self.name, self.native)


#: Column widths are measured on this many rows (fast at any size; the rest elide with a
#: tooltip).
FIT_SAMPLE = 500


@dataclass(frozen=True)
class FitSample:
    """What the columns are sized to, taken off the GUI thread: the first rows' names and
    each column's distinct cell texts (with whether the cell is bold)."""

    people: frozenset[str] = frozenset()
    cells: tuple[frozenset[tuple[str, bool]], ...] = ()


def fit_sample(matrix: AuthorizationMatrix) -> FitSample:
    rows = range(min(FIT_SAMPLE, len(matrix.person_ids)))
    people = frozenset(person_text(*matrix.person_texts(r)[1:]) for r in rows)
    cells = tuple(
        frozenset((cell_text(view), view.unauthorized_access)
                  for r in rows if (k := matrix.cell_index(r, c)) >= 0
                  for view in (matrix.cell_view(k),))
        for c in range(matrix.width))
    return FitSample(people, cells)


@dataclass(frozen=True)
class LoadedMatrix:
    """The matrix ready for the model, computed off the GUI thread: the service's columns,
    the items' headers and each row's folded texts for the filter."""

    matrix: AuthorizationMatrix
    items: tuple[MatrixItem, ...]
    keys: TextList  # by row: folded name, native name and reference
    counts: dict[str, int] = field(default_factory=dict)  # by AuthState value
    problems: int = 0  # accesses on without the license they need
    sample: FitSample = field(default_factory=FitSample)

    @property
    def on(self) -> date:
        return self.matrix.on

    @property
    def cells(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> Sequence[MatrixRow]:
        """Each person's row, in the matrix's order (made when read)."""
        return [self.row(n) for n in range(len(self.matrix.person_ids))]

    def row(self, n: int) -> MatrixRow:
        m = self.matrix
        ref, name, native = m.person_texts(n)
        cells = tuple(m.cell_view(k) if (k := m.cell_index(n, c)) >= 0 else None
                      for c in range(m.width))
        return MatrixRow(m.person_ids[n], ref, name, native, cells, self.keys[n])


def row_key(ref: str, name: str, native: str) -> str:
    """What the text filter looks in: the names in any script and the reference."""
    return fold(f"{name}\n{native}\n{ref}")


def prepare(matrix: AuthorizationMatrix) -> LoadedMatrix:
    """The matrix with its items' headers, its rows' filter texts and its counts."""
    items = tuple(
        MatrixItem(item_id, ref, name, eccn := matrix.classifications.get(item_id, ""),
                   fold(f"{name}\n{ref}\n{eccn}"))
        for item_id, ref, name in matrix.items
    )
    keys = TextList(row_key(*matrix.person_texts(n)) for n in range(len(matrix.person_ids)))
    counts = {state.value: n for state, n in matrix.counts().items()}
    return LoadedMatrix(matrix, items, keys, counts, matrix.problems(), fit_sample(matrix))


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


#: A cell's place when a column is sorted, by its state's code (see ``STATES``).
_STATE_SORT = [STATE_ORDER[state.value] for state in STATES]
#: Views of cells kept for the view's repaints (a screenful's cells asked for each role).
_VIEWS_KEPT = 4_096


class MatrixModel(QAbstractTableModel):
    """People × items; read-only. Column ``n`` is item ``n``; the row header is the person.

    It reads the loaded matrix's columns: row ``r`` shows the matrix's row ``order[r]``; a
    cell is made as a :class:`MatrixCell` when the view asks for it (a few hundred kept)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._loaded: LoadedMatrix | None = None
        self._order = array("i")  # the matrix's row shown at each row
        self._keys: dict[int, str] = {}  # filter texts of rows changed since loaded
        self._views: dict[int, MatrixCell] = {}
        self._items: tuple[MatrixItem, ...] = ()
        self._sort: tuple[int, Qt.SortOrder] = (BY_PERSON, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in -----------------------------------------------------------------------

    def set_matrix(self, loaded: LoadedMatrix | None) -> None:
        self.beginResetModel()
        self._loaded = loaded
        self._items = loaded.items if loaded else ()
        self._keys, self._views = {}, {}
        self._order = array("i", range(len(loaded.matrix.person_ids) if loaded else 0))
        column, order = self._sort
        if column != BY_PERSON or order != Qt.SortOrder.AscendingOrder:
            self._apply_sort(column if column < len(self._items) else BY_PERSON, order)
        self.endResetModel()

    def replace_rows(self, loaded: LoadedMatrix) -> dict[str, int] | None:
        """These people's rows as they are now, each where it stands (``dataChanged``).
        Returns the change in the count of cells by state (the legend's), or None when
        they cannot be put in place (a person or item the matrix has no row or column
        for: load it all again). A few rows cost a few rows' work at any size."""
        if self._loaded is None:
            return None
        matrix = self._loaded.matrix
        before = self._states_of(matrix, loaded.matrix.person_ids)
        rows = matrix.replace_people(loaded.matrix)
        if rows is None:
            return None
        delta = self._states_of(matrix, loaded.matrix.person_ids)
        delta.subtract(before)
        self._views = {}
        last = self.columnCount() - 1
        for theirs, row in enumerate(rows):
            self._keys[row] = loaded.keys[theirs]
            n = self._order.index(row)
            self.dataChanged.emit(self.index(n, 0), self.index(n, last))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, n, n)
        return dict(delta)

    @staticmethod
    def _states_of(matrix: AuthorizationMatrix, person_ids: Sequence[int]) -> Counter[str]:
        found: Counter[str] = Counter()
        for pid in person_ids:
            row = matrix.row_of(pid)
            for column in range(matrix.width if row >= 0 else 0):
                if (k := matrix.cell_index(row, column)) >= 0:
                    found[matrix.state_of(k).value] += 1
        return found

    @property
    def on(self) -> date | None:
        return self._loaded.on if self._loaded else None

    @property
    def items(self) -> tuple[MatrixItem, ...]:
        return self._items

    @property
    def matrix(self) -> AuthorizationMatrix | None:
        return self._loaded.matrix if self._loaded else None

    @property
    def rows(self) -> Sequence[MatrixRow]:
        """Every row as shown, each made now (for a test or a few rows)."""
        return [self.row_at(n) for n in range(len(self._order))]

    def row_at(self, row: int) -> MatrixRow:
        assert self._loaded is not None
        found = self._loaded.row(self._order[row])
        key = self._keys.get(self._order[row])
        return found if key is None else replace(found, key=key)

    def person_at(self, row: int) -> int:
        assert self._loaded is not None
        return self._loaded.matrix.person_ids[self._order[row]]

    def texts_at(self, row: int) -> tuple[str, str, str]:
        """(ref, name, native name) of the person shown at ``row``."""
        assert self._loaded is not None
        return self._loaded.matrix.person_texts(self._order[row])

    @property
    def order(self) -> array[int]:
        """The matrix's row shown at each row (not to be changed)."""
        return self._order

    def rows_with(self, part: str) -> set[int]:
        """The matrix's rows whose folded texts (:func:`row_key`) contain ``part``: found in
        the joined texts, Python per row found."""
        if self._loaded is None:
            return set()
        changed = self._keys
        found = {r for r in self._loaded.keys.containing(part) if r not in changed}
        found.update(r for r, key in changed.items() if part in key)
        return found

    def cell_index(self, row: int, column: int) -> int:
        """The matrix's cell shown at ``row`` and ``column``, or -1."""
        assert self._loaded is not None
        return self._loaded.matrix.cell_index(self._order[row], column)

    def has_cells(self, rows: int) -> bool:
        """Whether any of the first ``rows`` rows has a cell."""
        return any(self.cell_index(r, c) >= 0 for r in range(min(rows, len(self._order)))
                   for c in range(len(self._items)))

    def view(self, k: int) -> MatrixCell:
        """Cell ``k`` of the matrix as a :class:`MatrixCell`."""
        found = self._views.get(k)
        if found is None:
            assert self._loaded is not None
            if len(self._views) >= _VIEWS_KEPT:
                self._views = {}
            found = self._views[k] = self._loaded.matrix.cell_view(k)
        return found

    def cell_at(self, row: int, column: int) -> MatrixCell | None:
        k = self.cell_index(row, column)
        return self.view(k) if k >= 0 else None

    def index_of(self, person_id: int, item_id: int | None = None) -> QModelIndex:
        """The index of a person's cell for ``item_id`` (default: their first access)."""
        matrix = self.matrix
        found = matrix.row_of(person_id) if matrix is not None else -1
        if found < 0:
            return QModelIndex()
        n = self._order.index(found)
        if item_id is not None:
            columns = [c for c, item in enumerate(self._items) if item.id == item_id]
            return self.index(n, columns[0]) if columns else QModelIndex()
        first = next((c for c in range(len(self._items)) if self.cell_index(n, c) >= 0), 0)
        return self.index(n, first)

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def index(self, row: int, column: int,
              parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # One Python call where Qt's own makes two (rowCount and columnCount).
        if 0 <= row < len(self._order) and 0 <= column < len(self._items) \
                and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell_data(index.row(), index.column(), role) if index.isValid() else None

    def cell_data(self, row: int, column: int, role: int) -> Any:
        """:meth:`data` of the cell at ``row`` and ``column`` (the proxy asks without
        making an index)."""
        cell = self.cell_at(row, column)
        if role == CELL_ROLE:
            return cell
        if role == PERSON_ROLE:
            return self.person_at(row)
        if role == SORT_ROLE:
            ref, name, _native = self.texts_at(row)
            return (NO_ACCESS_ORDER if cell is None else STATE_ORDER[cell.state],
                    name.casefold(), ref)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        if cell is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return NO_ACCESS_TEXT
            if role == Qt.ItemDataRole.ForegroundRole:
                return current().ink(Ink.HINT)
            if role == Qt.ItemDataRole.ToolTipRole:
                return NO_ACCESS_TIP
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return current().badge(LOOKS[cell.state].tone).background
        if role == Qt.ItemDataRole.ForegroundRole:
            return current().badge(LOOKS[cell.state].tone).text
        if role == Qt.ItemDataRole.FontRole and cell.unauthorized_access:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{cell.person_name}, {cell.item_name}: {cell_text(cell)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._order):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                _ref, name, native = self.texts_at(section)
                return person_text(name, native)
            if role == Qt.ItemDataRole.ToolTipRole:
                ref, name, native = self.texts_at(section)
                return "\n".join(x for x in (name, native, ref) if x)
            if role == PERSON_ROLE:
                return self.person_at(section)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN
            return None
        if not 0 <= section < len(self._items):
            return None
        item = self._items[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{item.name}\n{item.ref} · ECCN {item.eccn or 'not recorded'}\n"
                    "Click to sort by state (problems first)")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        return None

    @property
    def sort_column(self) -> int:
        """The item column the rows are sorted by, or :data:`BY_PERSON`."""
        return self._sort[0]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by an item column's state, or (``BY_PERSON``) by the person's name."""
        if not BY_PERSON <= column < self.columnCount():
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_order = self._order
        self._apply_sort(column, order)
        if old_persistent:
            position = [0] * len(self._order)
            for n, row in enumerate(self._order):
                position[row] = n
            self.changePersistentIndexList(
                old_persistent,
                [self.index(position[old_order[i.row()]], i.column()) for i in old_persistent],
            )
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        """Reorder the rows: by name (the matrix's own order, unless a name changed since),
        then by the column's state (problems first), names breaking ties."""
        if self._loaded is None:
            return
        matrix = self._loaded.matrix
        rows: list[int] = list(range(len(matrix.person_ids)))
        if matrix.renamed:
            texts = matrix.person_texts
            rows.sort(key=lambda r: (texts(r)[1].casefold(), texts(r)[0]))
        reverse = order == Qt.SortOrder.DescendingOrder
        if column == BY_PERSON:
            if reverse:
                rows.reverse()
        else:
            sort, cells = _STATE_SORT, matrix.column_cells(column)
            states = [sort[matrix.state[k]] if k >= 0 else NO_ACCESS_ORDER for k in cells]
            rows.sort(key=states.__getitem__, reverse=reverse)
        self._order = array("i", rows)
