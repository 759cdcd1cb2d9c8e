"""The read-only record table every list screen uses: whole rows, one at a time, no editing;
and the frame that puts a message in a list's place while there is nothing to list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.column_fit import SAMPLED_ROWS, fit_column
from licenseapp.gui.theme_follow import make_hint
from licenseapp.gui.window_state import WIDTHS_REMEMBERED

Column = TypeVar("Column", bound=int)  # a model's column enum


def record_table(
    model: QAbstractItemModel, name: str, widths_in_chars: Mapping[Column, int]
) -> QTableView:
    """A table of records: single whole-row selection, fixed row height, columns sized in
    average characters, last column stretched, no in-place editing."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    char = table.fontMetrics().averageCharWidth()
    for column, chars in widths_in_chars.items():
        table.setColumnWidth(column, chars * char + 16)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    return table




def widths_remembered(table: QTableView) -> bool:
    """The table's widths came from the user's last run: true once, for its first fit, which
    is then skipped (a later fit, e.g. for new columns, goes ahead)."""
    remembered = bool(table.property(WIDTHS_REMEMBERED))
    table.setProperty(WIDTHS_REMEMBERED, False)
    return remembered


def fit_columns(table: QTableView, limits: Mapping[int, int] | None = None,
                limit_px: int = 280) -> None:
    """Each column but the last (which stretches) as wide as the rows it shows need, at
    most its ``limits`` entry or ``limit_px``; sampled, and only the widest texts measured
    by the delegate (:mod:`licenseapp.gui.column_fit`), so fast at any size."""
    # A double-click on a column's edge samples as many rows (Qt's own fit).
    table.horizontalHeader().setResizeContentsPrecision(SAMPLED_ROWS)
    for column in range(table.model().columnCount() - 1):
        fit_column(table, column, (limits or {}).get(column, limit_px))


def fit_on_first_rows(table: QTableView, limit_px: int = 280) -> None:
    """:func:`fit_columns` once, when the table's first rows arrive (unless the user's
    widths were remembered)."""
    model = table.model()

    def first_rows() -> None:
        if model.rowCount() == 0:
            return
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.disconnect(first_rows)
        if not widths_remembered(table):
            fit_columns(table, limit_px=limit_px)

    for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
        signal.connect(first_rows)


def select_source_row(table: QTableView, proxy: QAbstractProxyModel, row: int) -> bool:
    """Select and scroll to row ``row`` of the proxy's source model, if the filters show it."""
    if row < 0:
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
    if not index.isValid():
        return False
    table.selectRow(index.row())
    table.scrollTo(index)
    return True


class ListWithMessage(QWidget):
    """A list (``view``: a table, or a chart or a record's details) with a message in its
    place while there is nothing to show (no database, loading, nothing yet, nothing
    selected), and a selectable summary line under it. Every "this, or a message saying why
    not" in the app is one of these, so the message looks and reads the same everywhere.

    A message may offer what to do next: :meth:`show_message` with ``actions`` puts a
    button for each (visible) action under it, e.g. "New application…" on an empty list.
    """

    def __init__(self, view: QWidget, message: str = "", parent: QWidget | None = None, *,
                 summary: bool = True) -> None:
        super().__init__(parent)
        self.view = view
        self.message_label = QLabel(message)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        make_hint(self.message_label)  # muted: it stands for the list (yet 4.5:1)
        self.message_label.setMaximumWidth(self.message_label.fontMetrics().averageCharWidth()
                                           * 80)
        self.action_buttons: list[ActionButton] = []
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        self.message_page = QWidget()
        self.message_page.setAccessibleName("Message")
        box = QVBoxLayout(self.message_page)
        box.addStretch(1)
        text_row = QHBoxLayout()  # centred, no wider than it reads well, never cut off
        text_row.addStretch(1)
        text_row.addWidget(self.message_label, 100)
        text_row.addStretch(1)
        box.addLayout(text_row)
        box.addSpacing(6)
        box.addLayout(self._buttons)
        box.addStretch(2)
        self._stack = QStackedWidget()
        self._stack.addWidget(view)
        self._stack.addWidget(self.message_page)
        self._stack.setCurrentWidget(self.message_page)
        self.summary_label = QLabel()
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.summary_label)
        self.summary_label.setVisible(summary)  # in its layout first: else a window of its own

    @property
    def showing_message(self) -> bool:
        return self._stack.currentWidget() is self.message_page

    def show_list(self) -> None:
        self._set_actions(())
        self._stack.setCurrentWidget(self.view)

    def show_message(self, text: str, actions: Sequence[QAction] = ()) -> None:
        """The message instead of the list (and no summary), with a button for each of
        ``actions`` that is visible (a button follows its action's text and enabling)."""
        self.message_label.setText(text)
        self._set_actions(actions)
        self._stack.setCurrentWidget(self.message_page)
        self.summary_label.setText("")

    def _set_actions(self, actions: Sequence[QAction]) -> None:
        for button in self.action_buttons:
            button.release()
            self._buttons.removeWidget(button)
            button.deleteLater()
        self.action_buttons = []
        for action in actions:
            if not action.isVisible():
                continue
            button = ActionButton(action)
            self._buttons.insertWidget(self._buttons.count() - 1, button)
            self.action_buttons.append(button)
        if self.action_buttons:
            self.action_buttons[0].setDefault(True)


class ActionButton(QPushButton):
    """A push button that does what ``action`` does and follows its enabling, tip and
    (unless given its own ``text``) its text."""

    def __init__(self, action: QAction, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.action = action
        self._own_text = bool(text)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._follow)
        self._follow()

    def release(self) -> None:
        """Stop following the action (before the button goes)."""
        self.action.changed.disconnect(self._follow)

    def _follow(self) -> None:
        if not self._own_text:
            self.setText(self.action.text())
        self.setToolTip(self.action.statusTip() or self.action.toolTip())
        self.setEnabled(self.action.isEnabled())
