"""What is due, as a table model: most urgent first, overdue in red and in words.

The model sorts its own Python list (one ``list.sort``, fast at tens of thousands of
deadlines); the proxy above filters by kind and horizon and keeps the model's order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from licenseapp.domain.days import local_time
from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.records_model import SORT_ROLE, RecordsModel, RecordsProxy
from licenseapp.gui.theme import Ink, current

if TYPE_CHECKING:
    from licenseapp.services.follow_up.deadlines import DeadlineMark

#: The application a deadline belongs to ('' if none).
REF_ROLE = Qt.ItemDataRole.UserRole + 2
#: Days left (negative: overdue).
DAYS_LEFT_ROLE = Qt.ItemDataRole.UserRole + 3
#: The deadline's key (what a completion or snooze is recorded under).
KEY_ROLE = Qt.ItemDataRole.UserRole + 4

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


class DeadlineColumn(IntEnum):
    DUE = 0
    DAYS_LEFT = 1
    KIND = 2
    APPLICATION = 3
    WHAT = 4


HEADERS: dict[int, str] = {
    DeadlineColumn.DUE: "Due",
    DeadlineColumn.DAYS_LEFT: "Days left",
    DeadlineColumn.KIND: "Kind",
    DeadlineColumn.APPLICATION: "Application",
    DeadlineColumn.WHAT: "What",
}


def _urgency(d: Deadline) -> tuple[date, str]:
    return (d.due_on, d.key)


_SORT_KEYS = {
    DeadlineColumn.DUE: _urgency,
    DeadlineColumn.DAYS_LEFT: _urgency,
    DeadlineColumn.KIND: lambda d: (d.label or kind_label(d.kind), d.due_on, d.key),
    DeadlineColumn.WHAT: lambda d: (what_text(d).casefold(), d.due_on),
    DeadlineColumn.APPLICATION: lambda d: (d.application_ref or "", d.due_on, d.key),
}

#: The cells that read the same whatever the day (days left is worked out on the model).
_DISPLAY: dict[int, Callable[[Deadline], str]] = {
    DeadlineColumn.DUE: lambda d: d.due_on.isoformat(),
    DeadlineColumn.KIND: lambda d: d.label or kind_label(d.kind),
    DeadlineColumn.APPLICATION: lambda d: d.application_ref or "",
    DeadlineColumn.WHAT: what_text,
}


class DeadlinesTableModel(RecordsModel[Deadline]):
    """Read-only rows of :class:`~licenseapp.domain.deadlines.Deadline`, most urgent first;
    done and snoozed ones (shown on request) in grey with what was recorded."""

    headers = HEADERS
    display = _DISPLAY
    roles = {KEY_ROLE: lambda d: d.key, REF_ROLE: lambda d: d.application_ref or ""}
    typed = {DeadlineColumn.DUE: lambda d: d.due_on}

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[str, DeadlineMark] = {}
        self._today = today or date.today()
        self._sort: tuple[int, Qt.SortOrder] = (DeadlineColumn.DUE, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def today(self) -> date:
        return self._today

    def sorted_for_display(self, deadlines: Iterable[Deadline]) -> tuple[
            list[Deadline], tuple[int, Qt.SortOrder]]:
        """The deadlines in the list's current order, and that order: plain Python, to be
        called on the worker that loads them (at 65,000 the sort is a third of a second)
        and handed to :meth:`set_deadlines` as ``sorted_as``."""
        column, order = sort = self._sort
        return sorted(deadlines, key=_SORT_KEYS[DeadlineColumn(column)],
                      reverse=order == Qt.SortOrder.DescendingOrder), sort

    def set_deadlines(
        self, deadlines: Iterable[Deadline], today: date | None = None,
        marks: Mapping[str, DeadlineMark] | None = None,
        sorted_as: tuple[int, Qt.SortOrder] | None = None,
    ) -> None:
        """``marks``: what was recorded (done, snoozed) about some of them, by key;
        ``sorted_as``: the order ``deadlines`` are already in (see
        :meth:`sorted_for_display`), sorted again only if the list's order changed since."""
        rows = list(deadlines) if sorted_as == self._sort else (
            self.sorted_for_display(deadlines)[0])
        self._marks = dict(marks or {})
        if today is not None:
            self._today = today
        self.set_rows(rows)

    def replace_for(
        self, refs: Collection[str], deadlines: Iterable[Deadline],
        marks: Mapping[str, DeadlineMark],
    ) -> None:
        """The deadlines of the applications ``refs`` as they are now: theirs are taken out
        and ``deadlines`` put in, each where the current order has it (rows removed and
        inserted, not a reset: the rest of the list, its selection and scroll stay)."""
        wanted, new = set(refs), list(deadlines)
        new_keys = {d.key for d in new}
        gone = [n for n, d in enumerate(self._rows)
                if d.application_ref in wanted or d.key in new_keys]
        for n in reversed(gone):  # one row at a time, from the bottom: indexes stay right
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()
        for key in [k for k, m in self._marks.items() if m.key in new_keys]:
            del self._marks[key]
        self._marks.update(marks)
        self._keys = None
        column, order = self._sort
        sort_key = _SORT_KEYS[DeadlineColumn(column)]
        keys = [sort_key(d) for d in self._rows]
        reverse = order == Qt.SortOrder.DescendingOrder
        for d in sorted(new, key=sort_key, reverse=reverse):
            value = sort_key(d)
            if reverse:  # keys descend: the first place whose key is smaller
                n = next((i for i, k in enumerate(keys) if k < value), len(keys))
            else:
                n = bisect_right(keys, value)
            self.beginInsertRows(QModelIndex(), n, n)
            self._rows.insert(n, d)
            keys.insert(n, value)
            self.endInsertRows()

    def deadline_at(self, row: int) -> Deadline:
        return self.record_at(row)  # type: ignore[no-any-return]

    def mark_at(self, row: int) -> DeadlineMark | None:
        return self._marks.get(self.deadline_at(row).key)

    def closed(self, deadline: Deadline) -> bool:
        """Done, or snoozed (today)."""
        mark = self._marks.get(deadline.key)
        return mark is not None and (mark.done or mark.snoozed(self._today))

    def closed_keys(self) -> frozenset[str]:
        """The keys of the deadlines done or snoozed (today)."""
        today = self._today
        return frozenset(key for key, mark in self._marks.items()
                         if mark.done or mark.snoozed(today))

    def is_open(self, row: int) -> bool:
        """Neither done nor snoozed (today)."""
        return not self.closed(self.deadline_at(row))

    def identity(self, record: Deadline) -> object:
        return record.key  # row_of(key)

    def deadlines(self) -> Sequence[Deadline]:
        return self.rows()

    # --- cells -------------------------------------------------------------------------

    def text(self, record: Deadline, column: int) -> str:
        if column == DeadlineColumn.DAYS_LEFT:
            return days_left_text(record.days_left(self._today))
        return super().text(record, column)

    def export_value(self, record: Deadline, column: int) -> Any:
        """Days left as a number while the deadline is open (done or snoozed: what was
        recorded, as shown)."""
        if column == DeadlineColumn.DAYS_LEFT and not self.closed(record):
            return record.days_left(self._today)
        return super().export_value(record, column)

    def sort_value(self, record: Deadline, column: int) -> Any:
        if column in (DeadlineColumn.DUE, DeadlineColumn.DAYS_LEFT):
            return record.days_left(self._today)
        return self.text(record, column)

    def cell(self, record: Deadline, column: int, role: int) -> Any:
        d: Deadline = record
        mark = self._marks.get(d.key) if self._marks else None
        if mark is not None and (mark.done or mark.snoozed(self._today)):
            return self._closed_cell(d, mark, column, role)
        days = d.days_left(self._today)
        if role == DAYS_LEFT_ROLE:
            return days
        if role == Qt.ItemDataRole.ForegroundRole:
            if column not in (DeadlineColumn.DUE, DeadlineColumn.DAYS_LEFT):
                return None
            if days <= SOON_DAYS:
                return QBrush(current().ink(Ink.LATE if days < 0 else Ink.WARNING))
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == DeadlineColumn.DAYS_LEFT and days < 0 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{d.title}\nDue {d.due_on.isoformat()} ({days_left_text(days)})"
        return super().cell(record, column, role)

    def _closed_cell(self, d: Deadline, mark: DeadlineMark, column: int, role: int) -> Any:
        """A done or snoozed deadline (shown on request): grey, what was recorded in words."""
        if role == Qt.ItemDataRole.DisplayRole:
            return _mark_text(mark) if column == DeadlineColumn.DAYS_LEFT else self.text(d, column)
        if role in (SORT_ROLE, DAYS_LEFT_ROLE):
            return d.days_left(self._today)
        if role in self.roles:
            return super().cell(d, column, role)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(current().ink(Ink.HINT))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _mark_tooltip(d, mark)
        return None

    # --- sorting: the model's own list, in one sort ------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(DeadlineColumn):
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
        self._rows.sort(key=_SORT_KEYS[DeadlineColumn(column)], reverse=reverse)


def _mark_text(mark: DeadlineMark) -> str:
    if mark.done and mark.completed_at is not None:
        return f"done {mark.completed_at.astimezone().date().isoformat()}"
    if mark.snoozed_until is not None:
        return f"snoozed to {mark.snoozed_until.isoformat()}"
    return ""


def _mark_tooltip(d: Deadline, mark: DeadlineMark) -> str:
    lines = [d.title, f"Due {d.due_on.isoformat()}"]
    if mark.done and mark.completed_at is not None:
        moment = local_time(mark.completed_at)
        lines.append(f"Done {moment} by {mark.completed_by or 'unknown'}")
    elif mark.snoozed_until is not None:
        lines.append(f"Snoozed until {mark.snoozed_until.isoformat()}")
    if mark.note:
        lines.append(f"Note: {mark.note}")
    return "\n".join(lines)


class DeadlinesFilterProxy(RecordsProxy[Deadline]):
    """Filters by kind and by "due within N days" (overdue ones always pass); done and
    snoozed deadlines only when asked for (:meth:`set_include_done`). Keeps the model's
    order: sorting is the model's."""

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
            with self.filter_change():
                self._include_done = include

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            with self.filter_change():
                self._kind = kind

    def set_within_days(self, days: int | None) -> None:
        if days != self._within:
            with self.filter_change():
                self._within = days

    def keep(self, records: Sequence[Deadline], rows: Sequence[int]) -> Sequence[int]:
        """One comprehension per filter over every row (not a call per row)."""
        model = self.records()
        assert isinstance(model, DeadlinesTableModel)
        if self._kind is not None:
            kind = self._kind
            rows = [n for n in rows if records[n].kind == kind]
        if not self._include_done:
            closed = model.closed_keys()
            if closed:
                rows = [n for n in rows if records[n].key not in closed]
        if self._within is not None:
            last = model.today + timedelta(days=self._within)
            rows = [n for n in rows if records[n].due_on <= last]
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)


__all__ = ["DAYS_LEFT_ROLE", "HEADERS", "KEY_ROLE", "KIND_LABELS", "REF_ROLE", "SOON_DAYS",
           "SORT_ROLE", "DeadlineColumn", "DeadlinesFilterProxy", "DeadlinesTableModel",
           "days_left_text", "kind_label", "what_text"]
