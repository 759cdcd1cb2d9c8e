"""A list's columns are fitted as Qt's own fit (``resizeColumnToContents``, 200 rows
sampled) would fit them, while only the widest texts are measured by the delegate: names in
several scripts, bold rows, empty cells, a table scrolled down, a header wider than its
column."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from licenseapp.gui.column_fit import SAMPLED_ROWS, FitInSteps, fit_column
from licenseapp.gui.records_model import RecordsModel
from licenseapp.gui.tables import fit_columns, record_table

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NAMES = ("Wei Zhang 张伟", "Layla Haddad ليلى حداد", "Дмитрий Иванов", "प्रिया शर्मा",
         "José Ángel Núñez", "Zoë Lefèvre-Dvořák", "W", "", "Iiiiiiiiiiiiiiiiiiiii",
         "MMMMMMMMMMMMMMMMM")


class _Rows(RecordsModel[tuple[str, str, str]]):
    headers = {0: "Reference", 1: "A rather long column heading", 2: "Last"}
    display = {n: (lambda r, n=n: r[n]) for n in range(3)}
    roles: Any = {}

    def cell(self, record: tuple[str, str, str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and record[1].endswith("7"):
            font = QFont()
            font.setBold(True)  # as the deadlines list marks what is overdue
            return font
        return super().cell(record, column, role)

    def identity(self, record: tuple[str, str, str]) -> object:
        return record[0]


def _table(qtbot, rows: int) -> QTableView:  # type: ignore[no-untyped-def]
    model = _Rows()
    model.set_rows([(NAMES[(n * 7) % len(NAMES)] + ("x" * (n % 13)), f"{n:,}", NAMES[n % 10])
                    for n in range(rows)])
    table = record_table(model, "Rows", {})
    qtbot.addWidget(table)
    table.resize(700, 400)
    table.show()
    qtbot.waitExposed(table)
    return table


def _qt_widths(table: QTableView, columns: range) -> list[int]:
    table.horizontalHeader().setResizeContentsPrecision(SAMPLED_ROWS)
    widths = []
    for column in columns:
        table.resizeColumnToContents(column)
        widths.append(table.columnWidth(column))
    return widths


@pytest.mark.parametrize("rows", [0, 1, 30, 1_000])
def test_columns_are_as_wide_as_qts_own_fit(qtbot, rows: int) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, rows)
    columns = range(3)
    expected = _qt_widths(table, columns)
    for column in columns:
        table.setColumnWidth(column, 5)
        fit_column(table, column)
    assert [table.columnWidth(c) for c in columns] == expected


def test_a_table_scrolled_down_fits_the_rows_around_what_it_shows(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, 5_000)
    table.scrollToBottom()
    qtbot.wait(10)
    expected = _qt_widths(table, range(3))
    for column in range(3):
        table.setColumnWidth(column, 5)
        fit_column(table, column)
    assert [table.columnWidth(c) for c in range(3)] == expected


def test_fit_columns_keeps_its_limits_and_the_last_column_stretching(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, 300)
    fit_columns(table, {0: 60}, limit_px=90)
    assert table.columnWidth(0) == 60
    assert table.columnWidth(1) == min(_qt_widths(table, range(1, 2))[0], 90)
    # the last one is not fitted: it takes the room left
    assert sum(table.columnWidth(c) for c in range(3)) == table.viewport().width()


def test_fitting_in_steps_fits_the_columns_after_the_next_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, 1_000)
    expected = [min(w, 280) for w in _qt_widths(table, range(2))]
    for column in range(3):
        table.setColumnWidth(column, 5)
    narrow = table.columnWidth(0)  # as narrow as the header lets it be
    fitter = FitInSteps(table)
    fitter.start()
    assert not fitter.done and table.columnWidth(0) == narrow  # nothing yet: a paint first
    qtbot.waitUntil(lambda: fitter.done)
    assert [table.columnWidth(c) for c in range(2)] == expected
