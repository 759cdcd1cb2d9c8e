"""At 125 % on a 1440×900 screen the main window is 1152×720 (logical): the access held by
the chosen person shows every column — the State column was past the pane's edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_access_pane_shows_every_column_at_1152(qtbot, window, db, db_url) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.demo.dataset import generate_demo

    generate_demo(db)
    window.resize(1152, 720)
    window.open_database(db_url)
    window.show_page(window.people)
    people = window.people
    qtbot.waitUntil(lambda: people.is_loaded and people.table.model().rowCount() > 0,
                    timeout=20_000)
    people.table.selectionModel().setCurrentIndex(
        people.table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    panel = people.access_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=20_000)
    qtbot.wait(200)
    table = panel.table
    header = table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(header.count()):
        assert header.sectionSize(column) >= 40, column
