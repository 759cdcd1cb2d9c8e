"""The read-only record table every list screen uses: whole rows, one at a time, no editing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

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
