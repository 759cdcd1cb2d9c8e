"""The applications list as a Qt table model.

The model holds the row DTOs in a Python list and formats a cell only when the view asks
for it, so it stays fast at 100,000 rows. Sorting happens here, in Python, on a key per
column (one ``list.sort`` of integers instead of millions of C++→Python ``lessThan`` calls,
which take tens of seconds at that size); the proxy above only filters. Each cell's raw sort
value is also available under :data:`SORT_ROLE`.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import insort
from collections.abc import Callable, Iterator, Sequence
from enum import IntEnum
from sys import intern
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_moment, local_time
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.gui import garbage
from licenseapp.gui.applications.sort_orders import ColumnOrders, OrderKey, sorted_rows
from licenseapp.services.dto import ApplicationRow

#: The raw, sortable value of a cell (str, int or datetime), not its display text.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The application's reference, the same for every column of a row.
REF_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex

#: Up to this many rows changed are told one by one; more, as one span.
_FEW_ROWS = 50

#: Combining accents (U+0300-U+036F) right after a Latin letter (up to Latin Extended-B).
_LATIN_ACCENTS = re.compile("(?<=[A-Za-z\u00c0-\u024f])[\u0300-\u036f]+")
_DIGITS = re.compile(r"(\d+)")

_STATUS_ORDER = {status.value: n for n, status in enumerate(ApplicationStatus)}


class ApplicationColumn(IntEnum):
    REF = 0
    STATUS = 1
    REGULATOR = 2
    FOREIGN_NATIONAL = 3
    CITIZENSHIP = 4
    ITEMS = 5
    ACN = 6
    OWNER = 7
    UPDATED = 8


HEADERS: dict[ApplicationColumn, str] = {
    ApplicationColumn.REF: "Reference",
    ApplicationColumn.STATUS: "Status",
    ApplicationColumn.REGULATOR: "Regulator / form",
    ApplicationColumn.FOREIGN_NATIONAL: "Person",  # the forms differ: recipient, foreign person...
    ApplicationColumn.CITIZENSHIP: "Citizenship",
    ApplicationColumn.ITEMS: "Items (ECCN)",
    ApplicationColumn.ACN: "ACN / ref.",
    ApplicationColumn.OWNER: "Owner",
    ApplicationColumn.UPDATED: "Updated",
}


def fold(text: str) -> str:
    """Case-insensitive, and accent-insensitive for Latin letters ("José" matches "jose").

    Marks on other scripts are kept: "й" is not "и" in Russian, nor "ि" optional in Hindi.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", decomposed))


def ref_sort_key(ref: str) -> tuple[str | int, ...]:
    """References in number order: LA-2026-9999 before LA-2026-10000.

    Text and numbers alternate, text first (maybe empty), so any two keys compare.
    """
    head, _, number = ref.rpartition("-")
    if head.startswith("LA-") and head[3:].isdecimal() and number.isdecimal():
        # Our own references, LA-YYYY-NNNN: the same key as below, a third of the time.
        return ("LA-", int(head[3:]), "-", int(number), "")
    # The text parts repeat ("P-" of 50,000 people): one string each, not one per key.
    return tuple(int(part) if n % 2 else intern(part)
                 for n, part in enumerate(_DIGITS.split(ref)))


def reference_order(ref_keys: Sequence[tuple[str | int, ...]]) -> list[int]:
    """The indexes of ``ref_keys`` in reference order (see :func:`ref_sort_key`)."""
    return sorted(range(len(ref_keys)), key=ref_keys.__getitem__)


def search_key(row: ApplicationRow) -> str:
    """Everything the text filter looks in: ref, names (native script too), ACN, items, ECCNs."""
    parts = [row.ref, row.foreign_national, row.native_name, row.acn, *row.items, *row.eccns]
    return "\n".join(map(fold, parts))  # most parts are ASCII: only the rest is normalized


def person_text(row: ApplicationRow) -> str:
    if row.native_name and row.native_name != row.foreign_national:
        return f"{row.foreign_national} ({row.native_name})" if row.foreign_national else (
            row.native_name
        )
    return row.foreign_national


def items_text(row: ApplicationRow) -> str:
    pairs = zip(row.items, row.eccns, strict=False)
    return ", ".join(f"{name} ({eccn})" if eccn else name for name, eccn in pairs)


_DISPLAY: dict[ApplicationColumn, Callable[[ApplicationRow], str]] = {
    ApplicationColumn.REF: lambda r: r.ref,
    ApplicationColumn.STATUS: lambda r: r.status_label,
    ApplicationColumn.REGULATOR: lambda r: f"{r.regulator} · {r.form}",
    ApplicationColumn.FOREIGN_NATIONAL: person_text,
    ApplicationColumn.CITIZENSHIP: lambda r: ", ".join(r.citizenships),
    ApplicationColumn.ITEMS: items_text,
    ApplicationColumn.ACN: lambda r: r.acn,
    ApplicationColumn.OWNER: lambda r: r.owner,
    ApplicationColumn.UPDATED: lambda r: local_time(r.updated_at),
}

_SORT_VALUE: dict[ApplicationColumn, Callable[[ApplicationRow], Any]] = {
    ApplicationColumn.REF: lambda r: ref_sort_key(r.ref),
    ApplicationColumn.STATUS: lambda r: _STATUS_ORDER.get(r.status, len(_STATUS_ORDER)),
    ApplicationColumn.REGULATOR: lambda r: f"{r.regulator} {r.form}",
    ApplicationColumn.FOREIGN_NATIONAL: lambda r: (r.foreign_national or r.native_name).casefold(),
    ApplicationColumn.CITIZENSHIP: lambda r: ",".join(r.citizenships),
    ApplicationColumn.ITEMS: lambda r: ", ".join(r.items).casefold(),
    ApplicationColumn.ACN: lambda r: r.acn,
    ApplicationColumn.OWNER: lambda r: r.owner.casefold(),
    ApplicationColumn.UPDATED: lambda r: r.updated_at,
}

#: The columns whose orders the loading worker works out (the reference's is ``by_ref``).
SORTED_COLUMNS = tuple(c for c in ApplicationColumn if c != ApplicationColumn.REF)


def sort_values(rows: Sequence[ApplicationRow], column: int) -> list[Any]:
    """Each row's sort value in ``column`` (plain Python: the loading worker calls it)."""
    key = _SORT_VALUE[ApplicationColumn(column)]
    return [key(r) for r in rows]


ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
#: The roles a cell answers (:meth:`ApplicationsTableModel.cell`); the view asks for about
#: eight per cell it paints, so the others are turned away before any work.
ANSWERED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole, SORT_ROLE, REF_ROLE))


class ApplicationsTableModel(QAbstractTableModel):
    """Rows of :class:`ApplicationRow`, one per application; read-only.

    The rows stay in the order they were loaded in; the model's order is a permutation of
    them (``order()``), so a sort replaces one list of integers. Each column's orders come
    worked out off the GUI thread with the rows (:mod:`.sort_orders`); without them, a
    column's sort values are worked out once per load, the first time it is sorted on.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ApplicationRow] = []
        self._keys: list[str] = []
        # Row numbers as 4-byte arrays: a sort copies one in C (a list took ~6 ms at 100k).
        self._by_ref: array[int] | None = None  # loaded rows in reference order
        self._values: dict[ApplicationColumn, list[Any]] = {}
        self._orders: ColumnOrders | None = None  # each column's orders, when given
        self._order: array[int] = array("i")  # position shown -> loaded row
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorted_as: tuple[int, Qt.SortOrder] | None = None
        self._positions: dict[str, int] | None = None  # ref -> loaded row, when asked

    # --- data in -----------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[ApplicationRow],
        keys: Sequence[str] | None = None,
        by_ref: Sequence[int] | None = None,
        orders: dict[OrderKey, array[int]] | None = None,
    ) -> None:
        """Replace every row.

        ``keys`` (:func:`search_key`), ``by_ref`` (the rows' :func:`reference_order`) and
        ``orders`` (:func:`.sort_orders.column_orders` of :data:`SORTED_COLUMNS`) may be
        given when already computed off the GUI thread. The reference keys themselves are
        not kept (18 MB at 100,000 rows): only the order they give.
        """
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = list(keys) if keys is not None else [search_key(r) for r in self._rows]
        if len(self._keys) != len(self._rows):
            raise ValueError("one search key per row is needed")
        self._by_ref = array("i", by_ref) if by_ref is not None else None
        if self._by_ref is not None and len(self._by_ref) != len(self._rows):
            raise ValueError("the reference order must name every row once")
        self._values = {}
        self._orders = ColumnOrders(orders, self._place_key) if orders else None
        self._positions = None
        self._order = array("i", range(len(self._rows)))
        self._sorted_as = None
        if self._sort is not None:
            self._order = self._sorted_order(*self._sort)
            self._sorted_as = self._sort
        self.endResetModel()
        garbage.loaded(len(self._rows))  # a big list: frozen out of full collections

    def update_rows(self, rows: Sequence[ApplicationRow]) -> None:
        """Bring these rows up to date: each one already listed changes where it stands
        (``dataChanged``; the list does not jump under the user), a new one is added at
        the top (``rowsInserted``). A few rows cost a few rows' work, whatever the list's
        size."""
        positions = self._positions
        if positions is None:
            positions = self._positions = {r.ref: i for i, r in enumerate(self._rows)}
        new: list[ApplicationRow] = []
        changed: list[int] = []
        for row in rows:
            i = positions.get(row.ref)
            if i is None:
                new.append(row)
                continue
            self._rows[i] = row
            self._keys[i] = search_key(row)
            for column, values in self._values.items():
                values[i] = _SORT_VALUE[column](row)
            changed.append(i)
        if changed and self._orders is not None:
            self._orders.changed(changed)
        if changed:
            self._announce_changed(changed)
        if new:
            self._insert_at_top(new, positions)

    def _announce_changed(self, loaded: list[int]) -> None:
        last = self.columnCount() - 1
        if len(loaded) <= _FEW_ROWS:
            shown = [self._order.index(i) for i in loaded]  # a scan in C per row
        else:
            wanted = set(loaded)
            shown = [n for n, i in enumerate(self._order) if i in wanted]
        if len(shown) > _FEW_ROWS:  # one signal for the span
            self.dataChanged.emit(self.index(min(shown), 0), self.index(max(shown), last))
            return
        for place in shown:
            self.dataChanged.emit(self.index(place, 0), self.index(place, last))

    def _insert_at_top(self, new: list[ApplicationRow], positions: dict[str, int]) -> None:
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        rows, by_ref = self._rows, self._by_ref
        for n, row in enumerate(new, start=first):
            positions[row.ref] = n
            rows.append(row)
            self._keys.append(search_key(row))
            for column, values in self._values.items():
                values.append(_SORT_VALUE[column](row))
            if by_ref is not None:  # its place in reference order, among equals the last
                insort(by_ref, n, key=lambda i: ref_sort_key(rows[i].ref))
        if self._orders is not None:
            self._orders.changed(range(first, first + len(new)))
        self._sorted_as = None
        self._order[0:0] = array("i", range(first, first + len(new)))
        self.endInsertRows()

    def row_at(self, row: int) -> ApplicationRow:
        return self._rows[self._order[row]]

    record_at = row_at  # the name every exported list's model answers to

    def export_value(self, record: ApplicationRow, column: int) -> Any:
        """The cell as an export writes it: "Updated" as a local date and time, the rest as
        shown. Plain Python (exports call it off the GUI thread)."""
        if column == ApplicationColumn.UPDATED:
            return local_moment(record.updated_at)
        return _DISPLAY[column](record)  # type: ignore[index]  # an IntEnum key is its int

    def rows_with_keys(self) -> Iterator[tuple[ApplicationRow, str]]:
        """Each row with its search key, in the model's order."""
        rows, keys = self._rows, self._keys
        return ((rows[i], keys[i]) for i in self._order)

    def loaded_rows(self) -> Sequence[ApplicationRow]:
        """The rows in the order they were loaded in (see :meth:`order`)."""
        return self._rows

    def loaded_keys(self) -> Sequence[str]:
        """The search key of each row, in the order the rows were loaded in."""
        return self._keys

    def order(self) -> Sequence[int]:
        """For each row of the model, in the model's order, its place among the loaded rows."""
        return self._order

    def row_of(self, ref: str) -> int:
        """The row showing ``ref``, or -1."""
        for n, i in enumerate(self._order):
            if self._rows[i].ref == ref:
                return n
        return -1

    def cell(self, row: int, column: int, role: int) -> Any:
        """What :meth:`data` gives for the model's ``row`` and ``column``."""
        application = self._rows[self._order[row]]
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[ApplicationColumn(column)](application)
        if role == REF_ROLE:
            return application.ref
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT
        if role == SORT_ROLE:
            return _SORT_VALUE[ApplicationColumn(column)](application)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(application, ApplicationColumn(column))
        return None

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ApplicationColumn)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ApplicationColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[ApplicationColumn(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(ApplicationColumn):
            return
        self._sort = (column, order)
        if self._sorted_as == self._sort:
            return  # QTableView.sortByColumn asks twice
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        was_at = [self._order[i.row()] for i in old_persistent]
        self._order = self._sorted_order(column, order)
        self._sorted_as = self._sort
        if old_persistent:
            position = self._positions_of(set(was_at))
            self.changePersistentIndexList(
                old_persistent,
                [self.index(position[loaded], i.column())
                 for i, loaded in zip(old_persistent, was_at, strict=True)],
            )
        self.layoutChanged.emit()

    # --- internals ---------------------------------------------------------------------

    def _positions_of(self, loaded: set[int]) -> dict[int, int]:
        """Where these loaded rows are shown now (a scan in C each, when they are few: the
        selection and the current row)."""
        order = self._order
        if len(loaded) <= _FEW_ROWS:
            return {i: order.index(i) for i in loaded}
        return {i: shown for shown, i in enumerate(order) if i in loaded}

    def _place_key(self, column: int, loaded: int) -> tuple[Any, Any]:
        """What puts a loaded row in its place in ``column``: its value, then its reference."""
        row = self._rows[loaded]
        return _SORT_VALUE[ApplicationColumn(column)](row), ref_sort_key(row.ref)

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> array[int]:
        """The loaded rows' indexes sorted on ``column``; equal values in reference order."""
        reverse = order == Qt.SortOrder.DescendingOrder
        by_ref = self._by_ref
        if by_ref is None:
            by_ref = self._by_ref = array(
                "i", reference_order([ref_sort_key(r.ref) for r in self._rows]))
        if column == ApplicationColumn.REF:
            return by_ref[::-1] if reverse else by_ref[:]
        known = self._orders.order(column, reverse) if self._orders is not None else None
        if known is not None:
            return known
        values = self._values.get(ApplicationColumn(column))
        if values is None:
            values = self._values[ApplicationColumn(column)] = sort_values(self._rows, column)
        return array("i", sorted_rows(values, by_ref, reverse))

    @staticmethod
    def _tooltip(row: ApplicationRow, column: ApplicationColumn) -> str | None:
        if column == ApplicationColumn.CITIZENSHIP and row.citizenships:
            return "\n".join(f"{country_name(c)} ({c})" for c in row.citizenships)
        if column == ApplicationColumn.FOREIGN_NATIONAL:
            return "\n".join(x for x in (row.foreign_national, row.native_name) if x) or None
        if column == ApplicationColumn.ITEMS and row.items:
            return "\n".join(
                f"{name} — {eccn}" if eccn else name
                for name, eccn in zip(row.items, row.eccns, strict=False)
            )
        if column == ApplicationColumn.REGULATOR:
            return f"Applicant: {row.applicant}" if row.applicant else None
        return None
