"""Export current view on every records screen: each screen's list is found, its rows come
out in view order with the headers shown, text cells exactly as shown and typed cells as
dates and numbers; the Authorization matrix exports through its own export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from screening_samples import load_and_screen

from licenseapp.gui.exporting.menu_actions import table_of
from licenseapp.gui.exporting.view_table import take_view
from licenseapp.gui.main_window import MainWindow

from .test_authorization_impact import FakePrompts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

#: Screen, the least rows its list shows for the sample data, columns that export typed.
SCREENS = {
    "Applications": (6, {"Updated"}),
    "Licenses & deadlines": (1, {"Due", "Days left"}),
    "People": (6, set()),
    "Organizations": (1, {"People"}),
    "Items": (4, {"People"}),
    "Screening": (1, {"Score", "Screened"}),
}


def _open(qtbot, window: MainWindow, url: str) -> None:
    window.open_database(url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0, timeout=30_000)


def _page(window: MainWindow, title: str):  # type: ignore[no-untyped-def]
    return window.built_page(title)  # (built when first shown or asked for)


@pytest.mark.parametrize("title", list(SCREENS))
def test_each_records_screen_exports_what_it_shows(qtbot, window, db, sample_db_url, tmp_path,
                                                   title: str) -> None:
    if title == "Screening":  # Wei Zhang and Dmitri Ivanov resemble entries of a small list
        load_and_screen(db, tmp_path)
    _open(qtbot, window, sample_db_url)
    least, typed = SCREENS[title]
    page = _page(window, title)
    window.show_page(page)
    qtbot.waitUntil(lambda: (t := table_of(page)) is not None
                    and t.model().rowCount() >= least, timeout=30_000)
    assert window.export_view.action.isEnabled()
    table = table_of(page)
    assert table is not None
    model, header = table.model(), table.horizontalHeader()
    visible = [header.logicalIndex(v) for v in range(header.count())
               if not header.isSectionHidden(header.logicalIndex(v))]
    view = take_view(table, title)
    assert list(view.headers) == [model.headerData(c, Qt.Orientation.Horizontal)
                                  for c in visible]
    rows = view.rows()
    assert len(rows) == model.rowCount()
    for r, cells in enumerate(rows):
        for c, value in zip(visible, cells, strict=True):
            shown = model.index(r, c).data()
            name = model.headerData(c, Qt.Orientation.Horizontal)
            if isinstance(value, str):
                assert value == shown, (title, name, r)
            else:
                assert name in typed, (title, name, value)
                assert isinstance(value, date | datetime | int | float), (title, name)


def test_the_matrix_exports_through_its_own_export(qtbot, window, sample_db_url,
                                                  tmp_path: Path) -> None:
    _open(qtbot, window, sample_db_url)
    target = tmp_path / "matrix.xlsx"
    window.authorization.prompts = FakePrompts(save=target)
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: window.authorization.proxy.rowCount() > 0, timeout=30_000)
    assert table_of(window.authorization) is None  # a grid, not a list of records
    assert window.export_view.action.isEnabled()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+L"))
    qtbot.waitUntil(target.exists, timeout=30_000)
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert [c.value for c in sheet[1]][:2] == ["person_ref", "person"]
