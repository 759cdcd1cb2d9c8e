"""The main window's layout is remembered per user: a window closed and a new one opened on
the same settings file comes back as it was left (size, splitter, details pane, columns'
widths, order and sort, the screen on view); a table whose columns changed keeps its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from licenseapp.context import AppContext
from licenseapp.gui.applications.model import ApplicationColumn
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.personal_settings import QtPersonalSettings
from licenseapp.gui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def open_window(qtbot, runner, settings_file: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    personal = QtPersonalSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    win = MainWindow(runner, context=AppContext.from_environment(personal=personal))
    qtbot.addWidget(win)
    if not win.window_state.geometry_restored:
        win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def click_section(qtbot, header: QHeaderView, column: int) -> None:  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def drag_section_edge(qtbot, header: QHeaderView, column: int, by: int) -> None:  # type: ignore[no-untyped-def]
    """Widen ``column`` by dragging its right edge, as a user does."""
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    viewport = header.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    qtbot.mouseMove(viewport, QPoint(edge + by // 2, 5))
    qtbot.mouseMove(viewport, QPoint(edge + by, 5))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge + by, 5))


def go_to(qtbot, win: MainWindow, title: str) -> None:  # type: ignore[no-untyped-def]
    row = [win.nav.item(r).text() for r in range(win.nav.count())].index(title)
    rect = win.nav.visualItemRect(win.nav.item(row))
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_layout_comes_back_as_it_was_left(qtbot, runner, tmp_path: Path) -> None:
    settings_file = tmp_path / "me.ini"
    first = open_window(qtbot, runner, settings_file)
    go_to(qtbot, first, "Applications")
    header = first.applications.table.horizontalHeader()
    narrowest = first.minimumWidth()  # the offscreen screen is 800 wide: less than that
    first.resize(narrowest, 650)
    width = header.sectionSize(ApplicationColumn.REGULATOR)
    drag_section_edge(qtbot, header, ApplicationColumn.REGULATOR, 60)
    assert header.sectionSize(ApplicationColumn.REGULATOR) > width + 30
    widened = header.sectionSize(ApplicationColumn.REGULATOR)
    header.moveSection(header.visualIndex(ApplicationColumn.OWNER), 1)  # dragged next to Ref
    orders = []
    for _one_way_then_the_other in range(2):  # two clicks, not a double-click
        qtbot.wait(QApplication.doubleClickInterval() + 50)
        click_section(qtbot, header, ApplicationColumn.STATUS)
        orders.append(header.sortIndicatorOrder())
    assert header.sortIndicatorSection() == ApplicationColumn.STATUS
    assert orders[0] != orders[1]
    qtbot.keyClick(first, Qt.Key.Key_F9)  # the details pane collapsed
    assert first.splitter.sizes()[2] == 0
    assert not first.details_pane.action.isChecked()
    go_to(qtbot, first, "People")
    first.close()

    again = open_window(qtbot, runner, settings_file)
    assert again.window_state.geometry_restored
    assert again.size().toTuple() == (narrowest, 650)
    assert again.nav.currentItem().text() == "People"
    restored = again.applications.table.horizontalHeader()
    assert restored.sortIndicatorSection() == ApplicationColumn.STATUS
    assert restored.sortIndicatorOrder() == orders[1]
    assert restored.sectionSize(ApplicationColumn.REGULATOR) == widened
    assert restored.visualIndex(ApplicationColumn.OWNER) == 1
    go_to(qtbot, again, "Applications")
    assert again.splitter.sizes()[2] == 0
    assert not again.details_pane.action.isChecked()
    qtbot.keyClick(again, Qt.Key.Key_F9)  # and back
    assert again.splitter.sizes()[2] >= max(again.details_stack.minimumSizeHint().width(), 150)
    assert again.details_pane.action.isChecked()
    again.close()


def test_a_table_whose_columns_changed_keeps_its_own_widths(
    qtbot, runner, tmp_path: Path
) -> None:
    settings_file = tmp_path / "me.ini"
    first = open_window(qtbot, runner, settings_file)
    header = first.applications.table.horizontalHeader()
    default = header.sectionSize(ApplicationColumn.REGULATOR)
    drag_section_edge(qtbot, header, ApplicationColumn.REGULATOR, 80)
    assert header.sectionSize(ApplicationColumn.REGULATOR) != default
    first.close()
    # Saved by a version whose list had one column more.
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    keys = [key for key in stored.allKeys()
            if key.startswith("layout/tables/") and key.endswith("/columns")
            and "Applications" in key]
    assert keys
    for key in keys:
        stored.setValue(key, int(stored.value(key)) + 1)
    stored.sync()

    again = open_window(qtbot, runner, settings_file)
    assert again.applications.table.horizontalHeader().sectionSize(
        ApplicationColumn.REGULATOR) == default
    again.close()


def test_a_remembered_screen_that_no_longer_exists_is_ignored(
    qtbot, runner, tmp_path: Path
) -> None:
    settings_file = tmp_path / "me.ini"
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    stored.setValue("layout/screen", "Screen removed in a later version")
    stored.sync()
    win = open_window(qtbot, runner, settings_file)
    assert win.nav.currentRow() == 0
    win.close()


def test_remembered_widths_are_not_fitted_over_when_the_rows_arrive(
    qtbot, runner, tmp_path: Path, sample_db_url: str
) -> None:
    settings_file = tmp_path / "me.ini"
    first = open_window(qtbot, runner, settings_file)
    first.open_database(sample_db_url)
    qtbot.waitUntil(lambda: first.applications.proxy.rowCount() > 0)
    go_to(qtbot, first, "Applications")
    header = first.applications.table.horizontalHeader()
    fitted = header.sectionSize(ApplicationColumn.REF)  # fitted to the first rows
    drag_section_edge(qtbot, header, ApplicationColumn.REF, 70)
    widened = header.sectionSize(ApplicationColumn.REF)
    assert widened > fitted + 40
    first.close()

    second_runner = TaskRunner()  # closing a window shuts its runner down
    try:
        again = open_window(qtbot, second_runner, settings_file)
        again.open_database(sample_db_url)
        qtbot.waitUntil(lambda: again.applications.is_loaded
                        and again.applications.proxy.rowCount() > 0)
        assert again.applications.table.horizontalHeader().sectionSize(
            ApplicationColumn.REF) == widened
        again.close()
    finally:
        second_runner.shutdown()


def test_a_remembered_layout_keeps_how_the_program_resizes_columns(
    qtbot, runner, tmp_path: Path
) -> None:
    """A saved header state carries the resize modes of the version that saved it; the
    columns still stretch and fit as the program sets them now (the access pane's item
    column stretches so its State column stays inside the pane at 125 %)."""
    from licenseapp.gui.access.records import AccessModel

    settings_file = tmp_path / "me.ini"
    first = open_window(qtbot, runner, settings_file)
    header = first.people.access_panel.table.horizontalHeader()
    assert header.sectionResizeMode(AccessModel.WHO) == QHeaderView.ResizeMode.Stretch
    # As an older version had it: every column the user's to drag, the last one stretched.
    for column in range(header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    first.close()

    again = open_window(qtbot, runner, settings_file)
    header = again.people.access_panel.table.horizontalHeader()
    assert header.sectionResizeMode(AccessModel.WHO) == QHeaderView.ResizeMode.Stretch
    for column in (AccessModel.MODE, AccessModel.STATE, AccessModel.SINCE):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents
    assert not header.stretchLastSection()
    again.close()
