"""What is due, as a table model: most urgent first, overdue in red and in words.

The model sorts its own Python list (one ``list.sort``, fast at tens of thousands of
deadlines); the proxy above filters by kind and horizon and keeps the model's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from licenseapp.domain.deadlines import Deadline

if TYPE_CHECKING:
    from licenseapp.services.deadlines import DeadlineMark

#: The raw, sortable value of a cell.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The application a deadline belongs to ('' if none).
REF_ROLE = Qt.ItemDataRole.UserRole + 2
#: Days left (negative: overdue).
DAYS_LEFT_ROLE = Qt.ItemDataRole.UserRole + 3
#: The deadline's key (what a completion or snooze is recorded under).
KEY_ROLE = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex

#: Deadline kinds in the users' words.
KIND_LABELS: dict[str, str] = {
    "intent_to_deny_response": "Intent-to-deny response",
    "appeal_window": "Appeal window",
    "info_request_due": "Information request",
    "license_renewal": "License renewal",
    "license_expiry": "License expiry",
    "anniversary_report": "Anniversary report",
    "visa_expiry": "Visa expiry",
    "ead_expiry": "Work authorization expiry",
    "i94_expiry": "I-94 expiry",
}

#: Due within this many days: shown in amber (with the days in words).
SOON_DAYS = 7
_LATE = QColor("#b00020")
_SOON = QColor("#8a5300")
_MARKED = QColor("#6b6b6b")


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def days_left_text(days: int) -> str:
    """E.g. "3 days overdue", "due today", "tomorrow", "in 12 days"."""
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def what_text(deadline: Deadline) -> str:
    """The title without the application's reference (it has its own column)."""
    ref = deadline.application_ref
    title = deadline.title.removeprefix(f"{ref}: ") if ref else deadline.title
    return title[:1].upper() + title[1:]


class Column(IntEnum):
    DUE = 0
    DAYS_LEFT = 1
    KIND = 2
    APPLICATION = 3
    WHAT = 4


HEADERS = {
    Column.DUE: "Due",
    Column.DAYS_LEFT: "Days left",
    Column.KIND: "Kind",
    Column.APPLICATION: "Application",
    Column.WHAT: "What",
}

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _urgency(d: Deadline) -> tuple[date, str]:
    return (d.due_on, d.key)


_SORT_KEYS = {
    Column.DUE: _urgency,
    Column.DAYS_LEFT: _urgency,
    Column.KIND: lambda d: (kind_label(d.kind), d.due_on, d.key),
    Column.WHAT: lambda d: (what_text(d).casefold(), d.due_on),
    Column.APPLICATION: lambda d: (d.application_ref or "", d.due_on, d.key),
}


class DeadlinesTableModel(QAbstractTableModel):
    """Read-only rows of :class:`~licenseapp.domain.deadlines.Deadline`, most urgent first."""

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Deadline] = []
        self._marks: dict[str, DeadlineMark] = {}
        self._today = today or date.today()
        self._sort: tuple[int, Qt.SortOrder] = (Column.DUE, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def today(self) -> date:
        return self._today

    def set_deadlines(
        self, deadlines: Iterable[Deadline], today: date | None = None,
        marks: Mapping[str, DeadlineMark] | None = None,
    ) -> None:
        """``marks``: what was recorded (done, snoozed) about some of them, by key."""
        self.beginResetModel()
        self._rows = list(deadlines)
        self._marks = dict(marks or {})
        if today is not None:
            self._today = today
        self._apply_sort(*self._sort)
        self.endResetModel()

    def deadline_at(self, row: int) -> Deadline:
        return self._rows[row]

    def mark_at(self, row: int) -> DeadlineMark | None:
        return self._marks.get(self._rows[row].key)

    def is_open(self, row: int) -> bool:
        """Neither done nor snoozed (today)."""
        mark = self.mark_at(row)
        return mark is None or not (mark.done or mark.snoozed(self._today))

    def row_of(self, key: str) -> int:
        return next((n for n, d in enumerate(self._rows) if d.key == key), -1)

    def deadlines(self) -> Sequence[Deadline]:
        return tuple(self._rows)

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self._rows[index.row()]
        column = Column(index.column())
        days = d.days_left(self._today)
        mark = self._marks.get(d.key)
        closed = mark is not None and (mark.done or mark.snoozed(self._today))
        if role == Qt.ItemDataRole.DisplayRole:
            if closed and column == Column.DAYS_LEFT:
                return self._mark_text(mark)
            return self._display(d, column, days)
        if role == KEY_ROLE:
            return d.key
        if closed:
            return self._closed_data(d, mark, role)
        if role == SORT_ROLE:
            return days if column in (Column.DUE, Column.DAYS_LEFT) else self._display(
                d, column, days)
        if role == REF_ROLE:
            return d.application_ref or ""
        if role == DAYS_LEFT_ROLE:
            return days
        if role == Qt.ItemDataRole.ForegroundRole and column in (Column.DUE, Column.DAYS_LEFT):
            if days < 0:
                return QBrush(_LATE)
            if days <= SOON_DAYS:
                return QBrush(_SOON)
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.DAYS_LEFT and days < 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{d.title}\nDue {d.due_on.isoformat()} ({days_left_text(days)})"
        return None

    def _mark_text(self, mark: DeadlineMark | None) -> str:
        if mark is None:
            return ""
        if mark.done and mark.completed_at is not None:
            return f"done {mark.completed_at.astimezone().date().isoformat()}"
        if mark.snoozed_until is not None:
            return f"snoozed to {mark.snoozed_until.isoformat()}"
        return ""

    def _closed_data(self, d: Deadline, mark: DeadlineMark | None, role: int) -> Any:
        """A done or snoozed deadline (shown on request): grey, what was recorded in words."""
        if role in (SORT_ROLE, DAYS_LEFT_ROLE):
            return d.days_left(self._today)
        if role == REF_ROLE:
            return d.application_ref or ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_MARKED)
        if role == Qt.ItemDataRole.ToolTipRole and mark is not None:
            lines = [d.title, f"Due {d.due_on.isoformat()}"]
            if mark.done and mark.completed_at is not None:
                moment = mark.completed_at.astimezone().strftime("%Y-%m-%d %H:%M")
                lines.append(f"Done {moment} by {mark.completed_by or 'unknown'}")
            elif mark.snoozed_until is not None:
                lines.append(f"Snoozed until {mark.snoozed_until.isoformat()}")
            if mark.note:
                lines.append(f"Note: {mark.note}")
            return "\n".join(lines)
        return None

    @staticmethod
    def _display(d: Deadline, column: Column, days: int) -> str:
        if column == Column.DUE:
            return d.due_on.isoformat()
        if column == Column.DAYS_LEFT:
            return days_left_text(days)
        if column == Column.KIND:
            return kind_label(d.kind)
        if column == Column.WHAT:
            return what_text(d)
        return d.application_ref or ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        before = list(self._rows)
        self._apply_sort(column, order)
        position = {id(d): n for n, d in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[id(before[i.row()])], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        reverse = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=_SORT_KEYS[Column(column)], reverse=reverse)


class DeadlinesFilterProxy(QSortFilterProxyModel):
    """Filters by kind and by "due within N days" (overdue ones always pass); done and
    snoozed deadlines only when asked for (:meth:`set_include_done`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._within: int | None = None
        self._include_done = False

    @property
    def include_done(self) -> bool:
        return self._include_done

    def set_include_done(self, include: bool) -> None:
        if include != self._include_done:
            self._include_done = include
            self.invalidate()

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            self._kind = kind
            self.invalidate()

    def set_within_days(self, days: int | None) -> None:
        if days != self._within:
            self._within = days
            self.invalidate()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DeadlinesTableModel)
        d = model.deadline_at(source_row)
        if self._kind is not None and d.kind != self._kind:
            return False
        if not self._include_done and not model.is_open(source_row):
            return False
        return self._within is None or d.days_left(model.today) <= self._within

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def shown(self) -> list[Deadline]:
        """The deadlines that pass the filters, in the order shown."""
        model = self.sourceModel()
        assert isinstance(model, DeadlinesTableModel)
        return [
            model.deadline_at(self.mapToSource(self.index(row, 0)).row())
            for row in range(self.rowCount())
        ]
