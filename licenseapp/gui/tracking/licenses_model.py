"""Issued licenses as a table model: state in words and colour, days left, conditions.

Rows are :class:`~licenseapp.services.licenses.LicenseRow` (plain values, computed by the
service off the GUI thread). The proxy sorts on raw values (``SORT_ROLE``) and filters by
state and by text (license number, application, person, regulator).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:
    from licenseapp.services.licenses import LicenseRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The application the license was issued on.
REF_ROLE = Qt.ItemDataRole.UserRole + 2
#: The license's state value ("active", "expiring", ...).
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex

#: States in the order a user scans them, with their words and colours (text, background).
STATE_LABELS: dict[str, str] = {
    "active": "Active",
    "expiring": "Expiring",
    "expired": "Expired",
    "suspended": "Suspended",
    "revoked": "Revoked",
}
STATE_COLORS: dict[str, tuple[str, str]] = {
    "active": ("#1d5e33", "#dcf3e3"),
    "expiring": ("#8a5300", "#fff4d6"),
    "expired": ("#555555", "#ececec"),
    "suspended": ("#8a1c14", "#fde2e1"),
    "revoked": ("#8a1c14", "#fde2e1"),
}
_STATE_ORDER = {state: n for n, state in enumerate(STATE_LABELS)}


class Column(IntEnum):
    """What matters first comes first (the details pane leaves the list ~600 px)."""

    NUMBER = 0
    STATE = 1
    VALID_UNTIL = 2
    DAYS_LEFT = 3
    APPLICATION = 4
    PERSON = 5
    REGULATOR = 6
    VALID_FROM = 7
    CONDITIONS = 8


HEADERS = {
    Column.NUMBER: "License no.",
    Column.APPLICATION: "Application",
    Column.PERSON: "Person",
    Column.REGULATOR: "Regulator",
    Column.STATE: "State",
    Column.VALID_FROM: "Valid from",
    Column.VALID_UNTIL: "Valid until",
    Column.DAYS_LEFT: "Days left",
    Column.CONDITIONS: "Conditions",
}

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state.capitalize())


def days_left_text(row: LicenseRow) -> str:
    """Days to the expiry date: "412", "0" on the last valid day, "−3" three days after;
    "—" for a revoked license (it has no days left whatever its dates)."""
    if row.state == "revoked":
        return "—"
    days = row.days_left
    return f"−{-days:,}" if days < 0 else f"{days:,}"


def days_left_words(row: LicenseRow) -> str:
    """The same in words, for the tooltip and the details pane."""
    if row.state == "revoked":
        return "revoked"
    days = row.days_left
    if days < 0:
        return f"expired {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "expires today (the last valid day)"
    return f"{days:,} day{'s' if days != 1 else ''} left"


def conditions_text(row: LicenseRow) -> str:
    riders = row.rider_count
    text = str(row.condition_count)
    return f"{text} + {riders} rider{'s' if riders != 1 else ''}" if riders else text


class LicensesTableModel(QAbstractTableModel):
    """Read-only rows of issued licenses."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LicenseRow] = []

    def set_licenses(self, rows: Iterable[LicenseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def license_at(self, row: int) -> LicenseRow:
        return self._rows[row]

    def licenses(self) -> Sequence[LicenseRow]:
        return tuple(self._rows)

    def row_of(self, number: str) -> int:
        """The row of license ``number``, -1 if absent."""
        return next((n for n, r in enumerate(self._rows) if r.number == number), -1)

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == SORT_ROLE:
            return self._sort_value(r, column)
        if role == REF_ROLE:
            return r.application_ref
        if role == STATE_ROLE:
            return r.state.value
        if column == Column.STATE and role in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
        ):
            text, background = STATE_COLORS.get(r.state.value, ("#333333", "#e0e0e0"))
            chosen = text if role == Qt.ItemDataRole.ForegroundRole else background
            return QBrush(QColor(chosen))
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.DAYS_LEFT:
            if r.state in ("expired", "expiring"):
                return QBrush(QColor(STATE_COLORS[r.state.value][0]))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.DAYS_LEFT, Column.CONDITIONS
        ):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        return None

    @staticmethod
    def _display(r: LicenseRow, column: Column) -> str:
        if column == Column.NUMBER:
            return r.number
        if column == Column.APPLICATION:
            return r.application_ref
        if column == Column.PERSON:
            return r.person_name
        if column == Column.REGULATOR:
            return r.regulator
        if column == Column.STATE:
            return state_label(r.state.value)
        if column == Column.VALID_FROM:
            return r.valid_from.isoformat()
        if column == Column.VALID_UNTIL:
            return r.valid_until.isoformat()
        if column == Column.DAYS_LEFT:
            return days_left_text(r)
        return conditions_text(r)

    @staticmethod
    def _sort_value(r: LicenseRow, column: Column) -> Any:
        if column == Column.STATE:
            return _STATE_ORDER.get(r.state.value, 99) * 100_000 + r.days_left
        if column == Column.VALID_FROM:
            return r.valid_from.toordinal()
        if column in (Column.VALID_UNTIL, Column.DAYS_LEFT):
            return r.days_left
        if column == Column.CONDITIONS:
            return r.condition_count * 1000 + r.rider_count
        if column == Column.PERSON:
            return r.person_name.casefold()
        return LicensesTableModel._display(r, column)

    @staticmethod
    def _tooltip(r: LicenseRow, column: Column) -> str | None:
        if column == Column.STATE and r.state_reason:
            return r.state_reason
        if column in (Column.DAYS_LEFT, Column.VALID_UNTIL):
            return f"Valid until {r.valid_until.isoformat()}: {days_left_words(r)}"
        if column == Column.PERSON and r.native_name:
            return f"{r.person_name} ({r.native_name}), {r.person_ref}"
        if column == Column.CONDITIONS and r.conditions:
            return "\n".join(
                f"{'Rider' if c.kind == 'rider' else 'Condition'} {c.position}: {c.text}"
                for c in r.conditions
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class LicensesFilterProxy(QSortFilterProxyModel):
    """Sorts on raw values; filters by state (None: all) and by words in the text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._state: str | None = None
        self._words: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_state(self, state: str | None) -> None:
        if state != self._state:
            self.beginFilterChange()
            self._state = state
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, LicensesTableModel)
        r = model.license_at(source_row)
        if self._state is not None and r.state.value != self._state:
            return False
        if not self._words:
            return True
        haystack = " ".join((r.number, r.application_ref, r.person_name, r.native_name,
                             r.person_ref, r.regulator, state_label(r.state.value))).casefold()
        return all(word in haystack for word in self._words)

    def shown(self) -> list[LicenseRow]:
        model = self.sourceModel()
        assert isinstance(model, LicensesTableModel)
        return [
            model.license_at(self.mapToSource(self.index(row, 0)).row())
            for row in range(self.rowCount())
        ]

