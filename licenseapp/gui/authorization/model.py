"""The authorization matrix as a Qt table model: one row per person, one column per item.

The row header names the person (Latin and native script), so the names stay in view when
the items scroll sideways; every column is an item, headed by its name and ECCN. A cell
holds the :class:`MatrixCell` of that person's access to that item (or nothing: no access
held or requested) and shows its state in words and colour.

Everything is prepared off the GUI thread (:func:`prepare`); the model formats a cell only
when the view asks, and sorts its Python list in one go (as the applications model does),
so 10,000 people stay fast.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

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
    person_id: int
    ref: str
    name: str
    native: str
    cells: tuple[MatrixCell | None, ...]  # one per item column, in the items' order
    key: str  # folded name, native name and reference, for the text filter

    @property
    def text(self) -> str:
        return person_text(self.name, self.native)


@dataclass(frozen=True)
class LoadedMatrix:
    """The matrix ready for the model, computed off the GUI thread."""

    on: date
    items: tuple[MatrixItem, ...]
    rows: tuple[MatrixRow, ...]
    counts: dict[str, int] = field(default_factory=dict)  # by AuthState value
    problems: int = 0  # accesses on without the license they need

    @property
    def cells(self) -> int:
        return sum(self.counts.values())


def prepare(matrix: AuthorizationMatrix) -> LoadedMatrix:
    """Group the matrix's cells into rows (people) and columns (items)."""
    column = {item_id: n for n, (item_id, _ref, _name) in enumerate(matrix.items)}
    eccns: dict[int, str] = {}
    natives: dict[int, str] = {}
    by_person: dict[int, list[MatrixCell | None]] = {}
    width = len(matrix.items)
    problems = 0
    for cell in matrix.cells:
        eccns.setdefault(cell.item_id, cell.eccn)
        natives.setdefault(cell.person_id, cell.native_name)
        row = by_person.get(cell.person_id)
        if row is None:
            row = by_person[cell.person_id] = [None] * width
        row[column[cell.item_id]] = cell
        problems += cell.unauthorized_access
    for item_id, classification in matrix.classifications.items():  # items nobody has yet
        eccns.setdefault(item_id, classification)
    for person_id, native in matrix.native_names.items():  # people without access yet
        natives.setdefault(person_id, native)
    items = tuple(
        MatrixItem(item_id, ref, name, eccns.get(item_id, ""),
                   fold(f"{name}\n{ref}\n{eccns.get(item_id, '')}"))
        for item_id, ref, name in matrix.items
    )
    rows = tuple(
        MatrixRow(person_id, ref, name, natives.get(person_id, ""),
                  tuple(by_person.get(person_id) or [None] * width),  # or: no access yet
                  fold(f"{name}\n{natives.get(person_id, '')}\n{ref}"))
        for person_id, ref, name in matrix.people
    )
    counts = {state.value: n for state, n in matrix.counts().items()}
    return LoadedMatrix(matrix.on, items, rows, counts, problems)


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _cell_sort(cell: MatrixCell | None) -> int:
    return NO_ACCESS_ORDER if cell is None else STATE_ORDER[cell.state]


class MatrixModel(QAbstractTableModel):
    """People × items; read-only. Column ``n`` is item ``n``; the row header is the person."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MatrixRow] = []
        self._items: tuple[MatrixItem, ...] = ()
        self._on: date | None = None
        self._sort: tuple[int, Qt.SortOrder] = (BY_PERSON, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in -----------------------------------------------------------------------

    def set_matrix(self, loaded: LoadedMatrix | None) -> None:
        self.beginResetModel()
        self._rows = list(loaded.rows) if loaded else []
        self._items = loaded.items if loaded else ()
        self._on = loaded.on if loaded else None
        column, order = self._sort
        self._apply_sort(column if column < len(self._items) else BY_PERSON, order)
        self.endResetModel()

    def replace_rows(self, rows: Sequence[MatrixRow]) -> dict[str, int]:
        """These people's rows as they are now, each where it stands (``dataChanged``);
        a person not shown yet is added at the end. Returns the change in the count of
        cells by state (the legend's). A few rows cost a few rows' work at any size."""
        delta: Counter[str] = Counter()
        where = {row.person_id: n for n, row in enumerate(self._rows)} if len(rows) > 8 else None
        last = self.columnCount() - 1
        added: list[MatrixRow] = []
        for row in rows:
            n = (where.get(row.person_id, -1) if where is not None
                 else next((i for i, r in enumerate(self._rows)
                            if r.person_id == row.person_id), -1))
            delta.update(c.state.value for c in row.cells if c is not None)
            if n < 0:
                added.append(row)
                continue
            delta.subtract(c.state.value for c in self._rows[n].cells if c is not None)
            self._rows[n] = row
            self.dataChanged.emit(self.index(n, 0), self.index(n, last))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, n, n)
        if added:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()
        return dict(delta)

    @property
    def on(self) -> date | None:
        return self._on

    @property
    def items(self) -> tuple[MatrixItem, ...]:
        return self._items

    @property
    def rows(self) -> Sequence[MatrixRow]:
        return self._rows

    def row_at(self, row: int) -> MatrixRow:
        return self._rows[row]

    def cell_at(self, row: int, column: int) -> MatrixCell | None:
        return self._rows[row].cells[column]

    def index_of(self, person_id: int, item_id: int | None = None) -> QModelIndex:
        """The index of a person's cell for ``item_id`` (default: their first access)."""
        for n, row in enumerate(self._rows):
            if row.person_id != person_id:
                continue
            if item_id is not None:
                columns = [c for c, item in enumerate(self._items) if item.id == item_id]
                return self.index(n, columns[0]) if columns else QModelIndex()
            first = next((c for c, cell in enumerate(row.cells) if cell is not None), 0)
            return self.index(n, first)
        return QModelIndex()

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        cell = row.cells[index.column()]
        if role == CELL_ROLE:
            return cell
        if role == PERSON_ROLE:
            return row.person_id
        if role == SORT_ROLE:
            return (_cell_sort(cell), row.name.casefold(), row.ref)
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
            return f"{row.name}, {cell.item_name}: {cell_text(cell)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            row = self._rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return row.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(x for x in (row.name, row.native, row.ref) if x)
            if role == PERSON_ROLE:
                return row.person_id
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
        new_position = self._apply_sort(column, order)
        self.changePersistentIndexList(
            old_persistent,
            [self.index(new_position[i.row()], i.column()) for i in old_persistent],
        )
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Reorder the rows; returns each old row's new position."""
        rows = self._rows
        names = [(r.name.casefold(), r.ref) for r in rows]
        reverse = order == Qt.SortOrder.DescendingOrder
        if all(names[n] <= names[n + 1] for n in range(len(names) - 1)):
            order_index = list(range(len(rows)))  # as the service sends them: by name
        else:
            order_index = sorted(range(len(rows)), key=names.__getitem__)
        if column == BY_PERSON:
            if reverse:
                order_index.reverse()
        else:
            states = [_cell_sort(r.cells[column]) for r in rows]
            order_index.sort(key=states.__getitem__, reverse=reverse)
        self._rows = [rows[i] for i in order_index]
        new_position = [0] * len(order_index)
        for new, old in enumerate(order_index):
            new_position[old] = new
        return new_position
