"""The read-only record table every list screen uses: whole rows, one at a time, no editing;
and the frame that puts a message in a list's place while there is nothing to list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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


def select_source_row(table: QTableView, proxy: QSortFilterProxyModel, row: int) -> bool:
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
    """A list (``view``) with a message in its place while there is nothing to list (no
    database, loading, nothing found), and a selectable summary line under it."""

    def __init__(self, view: QWidget, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.message_label = QLabel(message)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setEnabled(False)
        self._stack = QStackedWidget()
        self._stack.addWidget(view)
        self._stack.addWidget(self.message_label)
        self._stack.setCurrentWidget(self.message_label)
        self.summary_label = QLabel()
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.summary_label)

    def show_list(self) -> None:
        self._stack.setCurrentWidget(self.view)

    def show_message(self, text: str) -> None:
        """The message instead of the list (and no summary)."""
        self.message_label.setText(text)
        self._stack.setCurrentWidget(self.message_label)
        self.summary_label.setText("")
