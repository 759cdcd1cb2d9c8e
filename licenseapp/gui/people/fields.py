"""The inline display of a form's problems, which the record editors share.

(Countries are chosen in :mod:`licenseapp.gui.country_chooser`, dates typed in
:mod:`licenseapp.gui.date_field`.) Problems found by the domain's checks turn the field's
label red with the message beside the field, and the first bad field gets the focus. No
database here: the editors are fed plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QLabel,
    QStyle,
    QTabWidget,
    QWidget,
)

from licenseapp.domain.form_problems import FieldProblem, base_field, row_of
from licenseapp.gui.theme import Ink, current
from licenseapp.gui.theme_follow import ink_style

NOT_SET = "not set"


def problem_color() -> str:
    """The colour of a field with a problem, in the theme now (its label, its message)."""
    return current().hex(Ink.LATE)


@dataclass
class FieldSlot:
    """Where a field's problem is shown: its label, its message, the widget to focus."""

    label: QLabel
    message: QLabel
    focus: QWidget
    page: QWidget | None
    text: str


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    ink_style(label, Ink.LATE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class ProblemDisplay(QObject):
    """The inline problems of one editor: label red, message shown, first field focused.

    Fields are registered in the order the user meets them (tab by tab); that order decides
    which bad field gets the focus.
    """

    def __init__(self, tabs: QTabWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._slots: dict[str, FieldSlot] = {}
        self._tab_texts: dict[int, str] = {}
        self.shown: list[FieldProblem] = []

    def register(self, name: str, label: QLabel, message: QLabel, focus: QWidget,
                 page: QWidget | None = None) -> None:
        self._slots[name] = FieldSlot(label, message, focus, page, label.text())

    def names(self) -> list[str]:
        return list(self._slots)

    def slot(self, name: str) -> FieldSlot | None:
        return self._slots.get(base_field(name))

    def clear(self) -> None:
        self.show([])

    def show(self, problems: Sequence[FieldProblem]) -> FieldProblem | None:
        """Mark each problem's field; returns the problem of the first bad field (in the
        order the fields were registered), or None."""
        self.shown = list(problems)
        by_field: dict[str, list[FieldProblem]] = {}
        for problem in problems:
            by_field.setdefault(base_field(problem.field), []).append(problem)
        bad_pages: set[int] = set()
        first: FieldProblem | None = None
        for name, slot in self._slots.items():
            found = by_field.pop(name, [])
            self._mark(slot, found)
            if found:
                first = first or found[0]
                if self._tabs is not None and slot.page is not None:
                    bad_pages.add(self._tabs.indexOf(slot.page))
        self._mark_tabs(bad_pages)
        return first

    @staticmethod
    def _mark(slot: FieldSlot, problems: Iterable[FieldProblem]) -> None:
        lines = []
        for problem in problems:
            row = row_of(problem.field)
            lines.append(f"Row {row + 1}: {problem.message}" if row is not None
                         else problem.message)
        if lines:
            slot.label.setText(slot.text)
            ink_style(slot.label, Ink.LATE, "font-weight: bold;")
            slot.label.setToolTip("\n".join(lines))
            slot.message.setText("\n".join(lines))
            slot.message.show()
        else:
            ink_style(slot.label, None)
            slot.label.setToolTip("")
            slot.message.clear()
            slot.message.hide()

    def _mark_tabs(self, bad: set[int]) -> None:
        tabs = self._tabs
        if tabs is None:
            return
        warning = tabs.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index in range(tabs.count()):
            text = self._tab_texts.setdefault(index, tabs.tabText(index))
            tabs.setTabText(index, text)
            if index in bad:
                tabs.setTabIcon(index, warning)
                tabs.setTabToolTip(index, "Something on this tab needs correcting")
            else:
                tabs.setTabIcon(index, QIcon())
                tabs.setTabToolTip(index, "")

    def focus(self, slot: FieldSlot) -> None:
        if self._tabs is not None and slot.page is not None:
            self._tabs.setCurrentWidget(slot.page)
        slot.focus.setFocus(Qt.FocusReason.OtherFocusReason)


class ChangeWatcher(QObject):
    """Emits ``changed`` for every edit of the widgets it watches (typing, picking)."""

    changed = Signal()

    def watch(self, *signals: object) -> None:
        for signal in signals:
            signal.connect(self._changed)  # type: ignore[attr-defined]

    def _changed(self, *_args: object) -> None:
        self.changed.emit()
