"""At 125 % on a 1440×900 screen the main window is 1152×720 (logical): the access held by
the chosen person shows every column — the State column was past the pane's edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")


def _first_persons_access(qtbot, window, db, db_url):  # type: ignore[no-untyped-def]
    """The demo at 1152×720 on the People screen, the first person chosen: their access pane,
    loaded."""
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
    return panel


def test_the_access_pane_shows_every_column_at_1152(qtbot, window, db, db_url) -> None:  # type: ignore[no-untyped-def]
    panel = _first_persons_access(qtbot, window, db, db_url)
    qtbot.wait(200)
    table = panel.table
    header = table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(header.count()):
        assert header.sectionSize(column) >= 40, column


def test_a_cut_item_name_shows_whole_as_a_tip(qtbot, window, db, db_url) -> None:  # type: ignore[no-untyped-def]
    """The item column takes what the others leave, so a long name ends in "…"; resting the
    pointer on it shows the whole name; a mode keeps its own tip (what the mode means)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from licenseapp.gui.access.records import AccessModel

    panel = _first_persons_access(qtbot, window, db, db_url)
    table = panel.table
    table.setColumnWidth(AccessModel.WHO, 60)  # narrow enough to cut any name
    header = table.horizontalHeader()
    header.setSectionResizeMode(AccessModel.WHO, header.ResizeMode.Interactive)
    table.setColumnWidth(AccessModel.WHO, 60)
    index = table.model().index(0, AccessModel.WHO)
    whole = index.data()
    assert table.fontMetrics().horizontalAdvance(whole) > 60, whole
    at = table.visualRect(index).center()
    QApplication.sendEvent(table.viewport(),
                           QHelpEvent(QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == whole
    QToolTip.hideText()

    # A cell with room for its text keeps its own tip only.
    mode = table.model().index(0, AccessModel.MODE)
    table.setColumnWidth(AccessModel.MODE, 400)
    header.setSectionResizeMode(AccessModel.MODE, header.ResizeMode.Interactive)
    table.setColumnWidth(AccessModel.MODE, 400)
    at = table.visualRect(mode).center()
    QApplication.sendEvent(table.viewport(),
                           QHelpEvent(QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == mode.data(Qt.ItemDataRole.ToolTipRole) != mode.data()
    QToolTip.hideText()
